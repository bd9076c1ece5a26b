namespace Integrations.Apps.Providers.Ga4;

/// <summary>A GA4 connection's daily report over a range of dates: every date of the range (zero when GA4 had no
/// rows), with its totals and its rows per session source / medium. Users are summed over sources, so a user who came
/// from two sources on one day counts twice, as GA4's own per-source rows do.</summary>
public sealed record Ga4Report(string ConnectionId, string? PropertyId, DateOnly From, DateOnly To, Ga4Totals Totals, IReadOnlyList<Ga4Day> Days);

/// <summary>Sessions, total users and conversions (GA4's key events).</summary>
public sealed record Ga4Totals(long Sessions, long TotalUsers, decimal Conversions);

/// <summary>One date of a <see cref="Ga4Report"/>, biggest sources first.</summary>
public sealed record Ga4Day(DateOnly Date, long Sessions, long TotalUsers, decimal Conversions, IReadOnlyList<Ga4Source> Sources);

/// <summary>One session source / medium of a date.</summary>
public sealed record Ga4Source(string Source, string Medium, long Sessions, long TotalUsers, decimal Conversions);
