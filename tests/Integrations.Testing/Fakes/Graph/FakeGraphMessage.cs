namespace Integrations.Testing.Fakes.Graph;

/// <summary>A message a test puts in a fake mailbox's inbox or sent items (Graph's <c>message</c> resource, the parts
/// a sync reads). <see cref="ContentType"/> is Graph's <c>html</c> or <c>text</c>.</summary>
public sealed record FakeGraphMessage
{
    public string Id { get; init; } = GraphIds.New("AAMkAD");

    public required string Subject { get; init; }

    public required FakeAddress From { get; init; }

    public IReadOnlyList<FakeAddress> To { get; init; } = [];

    public IReadOnlyList<FakeAddress> Cc { get; init; } = [];

    public string ContentType { get; init; } = "html";

    public string Body { get; init; } = "";

    public required DateTimeOffset ReceivedAt { get; init; }

    public string ConversationId { get; init; } = GraphIds.New("AAQkAD");

    /// <summary>Custom <c>X-</c> headers (Graph's <c>internetMessageHeaders</c>), as a sendMail request set them.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

/// <summary>Graph's <c>emailAddress</c>: an address and a display name.</summary>
public sealed record FakeAddress(string Address, string? Name = null);
