namespace Integrations.Apps.Providers.Ga4;

/// <summary>The daily report's shape at the GA4 Data API: dimensions <c>date</c>, <c>sessionSource</c>,
/// <c>sessionMedium</c>; metrics <c>sessions</c>, <c>totalUsers</c> and <c>keyEvents</c> (GA4 renamed
/// <c>conversions</c> to key events in 2024; the Data API's current name is <c>keyEvents</c>).</summary>
internal static class Ga4Dimensions
{
    public const int MaxLength = 200;

    public static readonly string[] Dimensions = ["date", "sessionSource", "sessionMedium"];
    public static readonly string[] Metrics = ["sessions", "totalUsers", "keyEvents"];

    /// <summary>GA4's answer for a visit without a source or medium is <c>(not set)</c>; an empty one is stored as that.</summary>
    public static string Value(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "(not set)" : text.Length <= MaxLength ? text : text[..MaxLength];
}
