using System.Security.Claims;
using Integrations.Platform.Api;

namespace Integrations.Platform.Events;

/// <summary>
/// What a key must be allowed to read to receive or list events: a record event carries the record, so <c>contact.*</c>
/// events need <c>crm:read</c>, and <c>record.*</c> every object's read scope (the modules' <see cref="EventReadScope"/>
/// rules). A type no rule covers (<c>invoice.paid</c>, <c>import.completed</c>) needs none.
/// </summary>
public sealed class EventAccess
{
    private readonly EventReadScope[] rules;

    internal EventAccess(IEnumerable<EventReadScope> rules) => this.rules = [.. rules];

    /// <summary>The first scope <paramref name="user"/> lacks to receive <paramref name="eventTypes"/>, or null.</summary>
    public string? MissingScope(ClaimsPrincipal user, IEnumerable<string> eventTypes) =>
        eventTypes.SelectMany(type => rules.Where(rule => rule.Covers(type))).Select(rule => rule.Scope)
            .FirstOrDefault(scope => !user.Allows(scope));

    /// <summary>Every catalog type <paramref name="user"/> may read.</summary>
    public IReadOnlyList<string> Readable(ClaimsPrincipal user) =>
        [.. EventCatalog.All.Select(e => e.Name).Where(type => MissingScope(user, [type]) is null)];
}
