namespace Integrations.Web.Pages.Automation;

/// <summary>A run's or step run's status as a badge class.</summary>
public static class RunBadge
{
    public static string Of(string status) => status switch
    {
        "succeeded" => "badge-ok",
        "failed" => "badge-bad",
        "stopped" => "badge-warn",
        "waiting" => "badge-off",
        _ => "badge-info",
    };

    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "—",
        { TotalSeconds: < 1 } d => $"{d.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } d => $"{d.TotalSeconds:0.0} s",
        { TotalHours: < 1 } d => $"{d.TotalMinutes:0} min",
        var d => $"{d.Value.TotalHours:0.0} h",
    };

    /// <summary>The record page of a run's record (<c>/records/deal/deal_…</c>).</summary>
    public static string? RecordLink(string? recordObject, string? recordId) =>
        recordObject is null || recordId is null ? null : $"/records/{recordObject}/{recordId}";
}
