using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>Where the scheduled events listing got to: the events starting from <see cref="MinStartTime"/>, the next
/// page's token while there is one, and when this listing started (the next one starts a day before that).</summary>
internal sealed record CalendlyCheckpoint(DateTimeOffset MinStartTime, string? PageToken, DateTimeOffset ListingStartedAt)
{
    public static CalendlyCheckpoint? Parse(string? text) => CheckpointJson.Read<CalendlyCheckpoint>(text);

    public override string ToString() => CheckpointJson.Write(this);
}
