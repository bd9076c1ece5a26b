using Integrations.Platform.Data;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>One row of a GA4 property's daily report: a date and session source / medium with its sessions, total
/// users and conversions (GA4's <c>keyEvents</c>). One per (connection, property, date, source, medium); a re-read
/// day overwrites its rows, as GA4's numbers settle for a few days.</summary>
internal sealed class Ga4DailyRow : IWorkspaceScoped
{
    public Guid WorkspaceId { get; init; }
    public Guid ConnectionId { get; init; }
    public required string PropertyId { get; init; }
    public DateOnly Date { get; init; }
    public required string Source { get; init; }
    public required string Medium { get; init; }
    public long Sessions { get; set; }
    public long TotalUsers { get; set; }

    /// <summary>GA4 reports key events as a decimal (fractional under some counting methods).</summary>
    public decimal Conversions { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
