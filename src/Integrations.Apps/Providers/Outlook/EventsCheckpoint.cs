using System.Text.Json;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>The calendar sync's checkpoint: its cursor and the end of the calendar view its rounds cover (Graph fixes
/// the window with the first request; a new window needs a new first round).</summary>
internal sealed record EventsCheckpoint
{
    public DeltaCursor Cursor { get; init; } = new();

    public DateTimeOffset? WindowEnd { get; init; }

    public static EventsCheckpoint Read(string? checkpoint) =>
        checkpoint is null ? new() : JsonSerializer.Deserialize<EventsCheckpoint>(checkpoint, CheckpointJson.Options) ?? new();

    public string Write() => JsonSerializer.Serialize(this, CheckpointJson.Options);
}
