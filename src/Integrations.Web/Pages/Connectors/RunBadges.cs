namespace Integrations.Web.Pages.Connectors;

/// <summary>Colours and words for run states, the same on the list and the detail page.</summary>
public static class RunBadges
{
    public static string For(string status) => status switch
    {
        "succeeded" => "badge-ok",
        "failed" => "badge-bad",
        "partially_failed" => "badge-warn",
        _ => "badge-info",
    };

    public static string Label(string status) => status switch
    {
        "partially_failed" => "Partially failed",
        _ => char.ToUpperInvariant(status[0]) + status[1..],
    };

    public static string When(DateTimeOffset? at) =>
        at?.ToUniversalTime().ToString("MMM d, HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
