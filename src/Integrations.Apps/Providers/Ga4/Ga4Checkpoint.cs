using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>Where the daily report got to: the property it reads, the last complete date stored (<see cref="Through"/>),
/// and while a window of dates is being read, the window and the next row offset.</summary>
internal sealed record Ga4Checkpoint(string Property, DateOnly? Through, DateOnly? From = null, DateOnly? To = null, long Offset = 0)
{
    public static Ga4Checkpoint? Parse(string? text) => CheckpointJson.Read<Ga4Checkpoint>(text);

    public override string ToString() => CheckpointJson.Write(this);
}
