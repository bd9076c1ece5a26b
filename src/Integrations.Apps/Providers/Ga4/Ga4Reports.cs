using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>Reads what the GA4 daily report sync stored, for the API and the app's page.</summary>
public sealed class Ga4Reports
{
    /// <summary>The longest range one read covers.</summary>
    public const int MaxDays = 366;

    private readonly IntegrationsDbContext db;
    private readonly AppSecrets secrets;

    internal Ga4Reports(IntegrationsDbContext db, AppSecrets secrets)
    {
        this.db = db;
        this.secrets = secrets;
    }

    /// <summary>The report of the connection's current property from <paramref name="from"/> to <paramref name="to"/>
    /// (inclusive); null when the workspace has no GA4 connection with that id.</summary>
    public async Task<Ga4Report?> ReadAsync(string connectionId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var connection = PublicId.TryParse(IdPrefixes.AppConnection, connectionId, out var key)
            ? await db.Set<AppConnection>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key && c.AppId == "ga4", ct)
            : null;
        if (connection is null)
        {
            return null;
        }

        var property = Ga4DailyReportSync.PropertyOrNull(ConnectionSettings.Of(connection, secrets));
        var rows = property is null ? [] : await db.Set<Ga4DailyRow>().AsNoTracking()
            .Where(r => r.ConnectionId == connection.Id && r.PropertyId == property && r.Date >= from && r.Date <= to)
            .ToListAsync(ct);
        var byDate = rows.ToLookup(r => r.Date);
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).Select(date =>
        {
            var sources = byDate[date].OrderByDescending(r => r.Sessions).ThenBy(r => r.Source).ThenBy(r => r.Medium)
                .Select(r => new Ga4Source(r.Source, r.Medium, r.Sessions, r.TotalUsers, r.Conversions)).ToList();
            return new Ga4Day(date, sources.Sum(s => s.Sessions), sources.Sum(s => s.TotalUsers), sources.Sum(s => s.Conversions), sources);
        }).ToList();
        var totals = new Ga4Totals(days.Sum(d => d.Sessions), days.Sum(d => d.TotalUsers), days.Sum(d => d.Conversions));
        return new Ga4Report(PublicId.Format(IdPrefixes.AppConnection, connection.Id), property, from, to, totals, days);
    }
}
