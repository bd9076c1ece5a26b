using Cronos;

namespace Integrations.Automation.Schedules;

/// <summary>
/// The occurrence of a schedule to run now: the latest one in <c>(since, now]</c>, in the schedule's time zone. Only the
/// latest, so a schedule catches up one occurrence after downtime, not hundreds; looked for in growing windows back from
/// now, so a minutely cron does not enumerate a year of minutes.
/// </summary>
internal static class ScheduleOccurrences
{
    private static readonly TimeSpan[] Windows = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367)];

    public static DateTimeOffset? Latest(string cron, string? timeZone, DateTimeOffset since, DateTimeOffset now)
    {
        if (!CronExpression.TryParse(cron, CronFormat.Standard, out var expression))
        {
            return null;
        }

        var zone = TimeZoneInfo.Utc;
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out zone))
        {
            return null;
        }

        foreach (var window in Windows.Append(now - since))
        {
            var from = since > now - window ? since : now - window;
            var latest = expression.GetOccurrences(from.UtcDateTime, now.UtcDateTime, zone, fromInclusive: false, toInclusive: true)
                .Select(o => (DateTime?)o).LastOrDefault();
            if (latest is { } found)
            {
                return new DateTimeOffset(found, TimeSpan.Zero);
            }

            if (from == since)
            {
                return null;
            }
        }

        return null;
    }
}
