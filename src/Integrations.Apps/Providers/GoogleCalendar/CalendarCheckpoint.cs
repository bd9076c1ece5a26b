using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.GoogleCalendar;

/// <summary>Where the events sync got to: during a full listing its <see cref="TimeMin"/> and next page; after it, the
/// sync token of the last page (and a page token while the changes since it span pages). <see cref="Announce"/>: events
/// recorded for the first time are announced (not during the very first listing: connecting is not new events).</summary>
internal sealed record CalendarCheckpoint(DateTimeOffset? TimeMin, string? SyncToken, string? PageToken, bool Announce = false)
{
    public static CalendarCheckpoint? Parse(string? text) => CheckpointJson.Read<CalendarCheckpoint>(text);

    public override string ToString() => CheckpointJson.Write(this);
}
