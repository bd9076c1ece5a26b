namespace Integrations.Testing.Fakes.Zoom;

/// <summary>A meeting a fake Zoom user hosts. <see cref="EndedAt"/> set: a past meeting (listed under
/// <c>previous_meetings</c>, its <see cref="Participants"/> under <c>/past_meetings/{uuid}/participants</c>).</summary>
public sealed record FakeZoomMeeting(string Topic, DateTimeOffset Start, int Duration)
{
    public long Id { get; init; } = Random.Shared.NextInt64(80_000_000_000, 89_999_999_999);

    /// <summary>Base64 of 16 bytes, as Zoom's; some begin with '/' or hold "//" and must be double-encoded in a path.</summary>
    public string Uuid { get; init; } = Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    public string Timezone { get; init; } = "UTC";

    public string? Agenda { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public IReadOnlyList<FakeZoomParticipant> Participants { get; init; } = [];

    public IReadOnlyList<string> Invitees { get; init; } = [];

    public string JoinUrl => $"https://us06web.zoom.us/j/{Id}?pwd=ZkZha2VNZWV0aW5n";
}

/// <summary>Someone who took part in a past meeting; <see cref="Email"/> is empty for a guest who did not sign in.</summary>
public sealed record FakeZoomParticipant(string Name, string Email, DateTimeOffset JoinedAt, DateTimeOffset LeftAt);
