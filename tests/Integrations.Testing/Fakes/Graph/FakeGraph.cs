using System.Collections.Concurrent;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Graph;

/// <summary>
/// Microsoft Graph's mail and calendar endpoints that Outlook uses, on a Microsoft-style <see cref="FakeOAuthProvider"/>
/// (pass <see cref="Map"/> as its <c>Apis</c>): message delta of the inbox and sent items, calendar view delta,
/// <c>sendMail</c> and <c>POST /me/events</c>, each answering from the mailbox of the access token's account, in Graph's
/// shapes and errors (410 <c>SyncStateNotFound</c> for a state token it no longer knows; 429 through the provider's
/// <c>InjectFault</c>). Not faked: folders other than the inbox and sent items, <c>changeType</c>, <c>$orderby</c>,
/// attachments, recurring events (series and occurrences), time zones other than UTC in answers.
/// </summary>
public sealed class FakeGraph(TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, FakeMailbox> mailboxes = new(StringComparer.OrdinalIgnoreCase);

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The most items a delta page holds whatever <c>Prefer: odata.maxpagesize</c> asks (Graph also answers
    /// fewer than asked); a test lowers it to make a sync read several pages.</summary>
    public int MaxPageSize { get; set; } = 1000;

    public FakeMailbox Mailbox(string account) => mailboxes.GetOrAdd(account, a => new FakeMailbox(a, Clock));

    public void Map(IEndpointRouteBuilder endpoints) => GraphEndpoints.Map(endpoints, this);
}
