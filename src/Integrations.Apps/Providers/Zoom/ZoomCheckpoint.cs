using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>
/// Where a round of the meetings sync got to: its <see cref="Phase"/> (<c>upcoming</c>, then <c>previous</c> meetings,
/// then <c>closing</c> once that listing is read), the listing's <see cref="PageToken"/>, the past meetings of the last
/// page whose participants are still to read (<see cref="Pending"/>, the first one's participants page in
/// <see cref="ParticipantsToken"/>). Past meetings that started after <see cref="DoneUntil"/> (the last round's latest,
/// or 30 days back at first) get their participants read; <see cref="RoundMax"/> becomes the next round's.
/// </summary>
internal sealed record ZoomCheckpoint(
    string Phase, string? PageToken, IReadOnlyList<ZoomPastMeeting> Pending, string? ParticipantsToken, DateTimeOffset? DoneUntil, DateTimeOffset? RoundMax)
{
    public const string Upcoming = "upcoming";
    public const string Previous = "previous";
    public const string Closing = "closing";

    public static ZoomCheckpoint Start(DateTimeOffset? doneUntil) => new(Upcoming, null, [], null, doneUntil, null);

    public static ZoomCheckpoint? Parse(string? text) => CheckpointJson.Read<ZoomCheckpoint>(text);

    /// <summary>The next round, from what this one read.</summary>
    public ZoomCheckpoint NextRound() => Start(RoundMax is { } max && (DoneUntil is null || max > DoneUntil) ? max : DoneUntil);

    public override string ToString() => CheckpointJson.Write(this);
}

/// <summary>A past meeting whose participants the sync reads.</summary>
internal sealed record ZoomPastMeeting(string Id, string Uuid, string? Topic, DateTimeOffset Start);
