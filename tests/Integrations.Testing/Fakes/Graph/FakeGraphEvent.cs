namespace Integrations.Testing.Fakes.Graph;

/// <summary>An event a test puts in a fake calendar (Graph's <c>event</c> resource, the parts a sync reads); answered
/// in UTC, as Graph does without a <c>Prefer: outlook.timezone</c>.</summary>
public sealed record FakeGraphEvent
{
    public string Id { get; init; } = GraphIds.New("AAMkAGI");

    public required string Subject { get; init; }

    public string Body { get; init; } = "";

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>Graph's attendee <c>type</c>: <c>required</c>, <c>optional</c> or <c>resource</c>.</summary>
    public IReadOnlyList<(FakeAddress Who, string Type)> Attendees { get; init; } = [];

    public required FakeAddress Organizer { get; init; }
}
