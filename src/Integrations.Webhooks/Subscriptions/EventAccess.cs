using System.Security.Claims;
using Integrations.Platform.Api;
using Integrations.Platform.Events;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>
/// What a key must be allowed to read to receive events: a record event carries the record, so an endpoint that gets
/// <c>contact.*</c> events needs <c>crm:read</c>, and <c>record.*</c> every object's read scope (the modules' rules).
/// </summary>
internal sealed class EventAccess(IEnumerable<EventReadScope> rules)
{
    private readonly EventReadScope[] rules = [.. rules];

    /// <summary>The first scope <paramref name="user"/> lacks to receive <paramref name="eventTypes"/>, or null.</summary>
    public string? MissingScope(ClaimsPrincipal user, IEnumerable<string> eventTypes) =>
        eventTypes.SelectMany(type => rules.Where(rule => rule.Covers(type))).Select(rule => rule.Scope)
            .FirstOrDefault(scope => !user.Allows(scope));
}
