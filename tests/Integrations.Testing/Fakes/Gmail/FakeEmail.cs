namespace Integrations.Testing.Fakes.Gmail;

/// <summary>A message a test puts in a fake mailbox: addresses as RFC 5322 header values
/// (<c>"Bo Customer &lt;bo@customer.example&gt;, cy@customer.example"</c>), the time Gmail received it, its labels.</summary>
public sealed record FakeEmail(string From, string To, string Subject, DateTimeOffset ReceivedAt)
{
    public string? Cc { get; init; }

    public string? Text { get; init; } = "Hello from the fake mailbox.";

    public string? Html { get; init; }

    /// <summary><c>SENT</c> marks mail the account sent; <c>SPAM</c> and <c>TRASH</c> are left out of lists as Gmail does.</summary>
    public IReadOnlyList<string> Labels { get; init; } = ["INBOX", "UNREAD"];

    /// <summary>The thread to join; a new thread (with the message's own id) when null.</summary>
    public string? ThreadId { get; init; }
}
