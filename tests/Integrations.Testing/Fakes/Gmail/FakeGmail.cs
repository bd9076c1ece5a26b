using System.Collections.Concurrent;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Gmail;

/// <summary>
/// The Gmail API (<c>gmail/v1/users/me/…</c>) of a Google-style <c>FakeOAuthProvider</c>: pass <see cref="Map"/> as its
/// <c>Apis</c>. Each account the fake grants has a <see cref="FakeMailbox"/>, answered from with the shapes Google
/// documents: <c>messages.list</c> (<c>q=after:</c>, paging), <c>messages.get</c> (<c>format=full</c>), <c>getProfile</c>,
/// <c>history.list</c> (404 for a start that is too old) and <c>messages.send</c> (base64url RFC 2822 in <c>raw</c>).
/// Not faked: batch requests, labels, threads, attachments by id, push notifications.
/// </summary>
public sealed class FakeGmail(TimeProvider? clock = null)
{
    private readonly ConcurrentDictionary<string, FakeMailbox> mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private long lastId = 0x18c2f0a1b2c30000;

    /// <summary>When sent mail is received.</summary>
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The mailbox of <paramref name="email"/>, empty until a test or <c>messages.send</c> adds to it.</summary>
    public FakeMailbox Mailbox(string email) => mailboxes.GetOrAdd(email, e => new FakeMailbox(e, NewId));

    public void Map(IEndpointRouteBuilder endpoints) => GmailEndpoints.Map(endpoints, this);

    // Gmail's ids are 16 hex digits, growing with time.
    private string NewId() => Interlocked.Increment(ref lastId).ToString("x16");
}
