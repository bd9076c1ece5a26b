using Cronos;

namespace Integrations.Inbound.Connectors;

/// <summary>Connector schedules: standard 5-field cron (UTC), or 6 fields with seconds as long as it runs at most once a minute.</summary>
internal static class CronSchedule
{
    public static readonly IReadOnlyList<(string Label, string Cron)> Presets =
    [
        ("Every minute", "* * * * *"),
        ("Every 5 minutes", "*/5 * * * *"),
        ("Every 15 minutes", "*/15 * * * *"),
        ("Every hour", "0 * * * *"),
        ("Every day at 02:00 UTC", "0 2 * * *"),
    ];

    /// <summary>Null when <paramref name="cron"/> is a schedule a connector may have; else why not.</summary>
    public static string? Check(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "Give a schedule in cron format, e.g. */15 * * * * for every 15 minutes.";
        }

        var parts = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            return $"'{cron}' is not a cron expression: use 5 fields (minute hour day month weekday), e.g. */15 * * * *.";
        }

        // With a seconds field, anything but a single second fires more than once in some minute.
        if (parts.Length == 6 && !int.TryParse(parts[0], out _))
        {
            return $"'{cron}' runs more than once a minute; connectors run at most every minute.";
        }

        return TryParse(cron, out _, out var error) ? null : error;
    }

    /// <summary>The next time after <paramref name="after"/>, or null when the expression never fires again.</summary>
    public static DateTimeOffset? Next(string cron, DateTimeOffset after) =>
        TryParse(cron, out var expression, out _) ? expression!.GetNextOccurrence(after, TimeZoneInfo.Utc) : null;

    private static bool TryParse(string cron, out CronExpression? expression, out string? error)
    {
        var trimmed = cron.Trim();
        var format = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try
        {
            expression = CronExpression.Parse(trimmed, format);
            error = null;
            return true;
        }
        catch (CronFormatException e)
        {
            expression = null;
            error = $"'{cron}' is not a valid cron expression: {e.Message}";
            return false;
        }
    }
}
