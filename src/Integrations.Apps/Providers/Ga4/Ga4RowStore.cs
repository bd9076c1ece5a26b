using Integrations.Apps.Connections;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>Writes a page of report rows in one statement: new (date, source, medium) rows are inserted, rows read
/// again are overwritten with GA4's settled numbers.</summary>
internal sealed class Ga4RowStore(IntegrationsDbContext db, TimeProvider clock)
{
    public async Task<int> UpsertAsync(AppConnection connection, string property, IReadOnlyList<Ga4ReportRow> rows, CancellationToken ct)
    {
        // Values cut to the column's length could meet; one row per key, or the upsert would touch a row twice.
        var merged = rows.GroupBy(r => (r.Date, r.Source, r.Medium))
            .Select(g => g.Aggregate((a, b) => a with { Sessions = a.Sessions + b.Sessions, TotalUsers = a.TotalUsers + b.TotalUsers, Conversions = a.Conversions + b.Conversions }))
            .ToList();
        if (merged.Count == 0)
        {
            return 0;
        }

        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO ga4_daily_rows (workspace_id, connection_id, property_id, date, source, medium, sessions, total_users, conversions, updated_at)
            SELECT @workspace, @connection, @property, r.date, r.source, r.medium, r.sessions, r.total_users, r.conversions, @now
            FROM unnest(@dates, @sources, @mediums, @sessions, @users, @conversions) AS r(date, source, medium, sessions, total_users, conversions)
            ON CONFLICT (connection_id, property_id, date, source, medium) DO UPDATE
            SET sessions = excluded.sessions, total_users = excluded.total_users, conversions = excluded.conversions, updated_at = excluded.updated_at
            """,
            [
                new NpgsqlParameter("workspace", connection.WorkspaceId),
                new NpgsqlParameter("connection", connection.Id),
                new NpgsqlParameter("property", property),
                new NpgsqlParameter("now", clock.GetUtcNow()),
                new NpgsqlParameter("dates", merged.Select(r => r.Date).ToArray()),
                new NpgsqlParameter("sources", merged.Select(r => r.Source).ToArray()),
                new NpgsqlParameter("mediums", merged.Select(r => r.Medium).ToArray()),
                new NpgsqlParameter("sessions", merged.Select(r => r.Sessions).ToArray()),
                new NpgsqlParameter("users", merged.Select(r => r.TotalUsers).ToArray()),
                new NpgsqlParameter("conversions", merged.Select(r => r.Conversions).ToArray()),
            ],
            ct);
        return merged.Count;
    }
}
