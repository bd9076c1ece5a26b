using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Testing;
using Npgsql;

namespace Integrations.IntegrationTests.Crm;

/// <summary>
/// The pipeline's lookups must go through the unique key index or the primary key whatever the statistics say of the
/// workspace: one they do not know yet (an import filling a new workspace, estimated at one row) or one much larger
/// than the average. Misled by either, Postgres read the whole workspace for every chunk, or for every key, and a
/// million-row import took several times as long.
/// </summary>
public sealed class RecordLookupPlanTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static readonly Guid Large = Guid.Parse("01a20000-0000-7000-8000-000000000001");
    private static readonly Guid Unknown = Guid.Parse("01a20000-0000-7000-8000-0000000000ff");
    private static readonly string[] IdIndexes = ["pk_contacts", "ix_contacts_workspace_id_id"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lookups_ProbeTheKeyIndexOrPrimaryKey_ForLargeAndUnknownWorkspaces()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await FillAsync(connection);
        var sql = RecordSql.For(RecordTypes.Contact);
        var ids = Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7()).ToArray();
        var rows = JsonSerializer.Serialize(ids.Select(id => new { id, custom_fields = new { } }));
        var problems = new List<string>();
        foreach (var workspace in new[] { Large, Unknown })
        {
            var name = workspace == Large ? "large workspace" : "unknown workspace";
            var byKey = await PlanAsync(connection, RecordStore.LockSql(RecordTypes.Contact, byKey: true), workspace, ids: [],
                keys: Enumerable.Range(0, 100).Select(i => $"new{i}@example.com").ToArray());
            Check(problems, $"key lookup, {name}", byKey, "ix_contacts_workspace_id_email");
            Check(problems, $"id lookup, {name}", await PlanAsync(connection, RecordStore.LockSql(RecordTypes.Contact, byKey: false), workspace, ids), IdIndexes);
            Check(problems, $"existing, {name}", await PlanAsync(connection, sql.Existing, workspace, ids), IdIndexes);
            Check(problems, $"delete, {name}", await PlanAsync(connection, sql.Delete, workspace, ids), IdIndexes);
            Check(problems, $"update, {name}", await PlanAsync(connection, sql.Update, workspace, ids, rows: rows), IdIndexes);
        }

        Assert.Empty(problems);
    }

    /// <summary>One large workspace and many small ones, analyzed; <see cref="Unknown"/> has no rows yet.</summary>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Test data: the only value in the text is a constant id.")]
    private static async Task FillAsync(NpgsqlConnection connection)
    {
        await using var fill = new NpgsqlCommand(
            $$"""
            INSERT INTO workspaces (id, name, plan, record_count, created_at)
            SELECT '{{Large}}', 'Large', 'Scale', 0, now()
            UNION ALL SELECT gen_random_uuid(), 'Small ' || g, 'Starter', 0, now() FROM generate_series(1, 1000) AS g;
            INSERT INTO contacts (id, workspace_id, email, custom_fields, created_at, updated_at)
            SELECT gen_random_uuid(), '{{Large}}', 'known' || g || '@example.com', '{}', now(), now()
            FROM generate_series(1, 200000) AS g;
            INSERT INTO contacts (id, workspace_id, email, custom_fields, created_at, updated_at)
            SELECT gen_random_uuid(), w.id, 'small' || g || '@example.com', '{}', now(), now()
            FROM workspaces w CROSS JOIN generate_series(1, 10) AS g WHERE w.name LIKE 'Small %';
            ANALYZE contacts;
            """, connection);
        await fill.ExecuteNonQueryAsync(Ct);
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "EXPLAIN of the app's own statements (RecordSql); values travel as parameters.")]
    private static async Task<string> PlanAsync(NpgsqlConnection connection, string statement, Guid workspace, Guid[] ids,
        string[]? keys = null, string? rows = null)
    {
        await using var explain = new NpgsqlCommand("EXPLAIN " + statement, connection);
        explain.Parameters.AddWithValue("ws", workspace);
        explain.Parameters.AddWithValue("ids", ids);
        explain.Parameters.AddWithValue("keys", keys ?? []);
        explain.Parameters.AddWithValue("rows", rows ?? "[]");
        explain.Parameters.AddWithValue("now", DateTimeOffset.UtcNow);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            plan.Add(reader.GetString(0));
        }

        return string.Join('\n', plan);
    }

    /// <summary>
    /// Probes one of <paramref name="indexes"/>, and reads neither the table nor a workspace through anything else: no
    /// sequential scan, no index condition on the workspace alone (its ids or emails then become a filter).
    /// </summary>
    private static void Check(List<string> problems, string what, string plan, params string[] indexes)
    {
        var workspaceOnly = plan.Split('\n').Any(line => line.Contains("Index Cond: (workspace_id = ", StringComparison.Ordinal)
            && !line.Contains(" AND ", StringComparison.Ordinal));
        if (!indexes.Any(index => plan.Contains(index, StringComparison.Ordinal)) || workspaceOnly
            || plan.Contains("Seq Scan on contacts", StringComparison.Ordinal))
        {
            problems.Add($"{what} does not probe {string.Join(" or ", indexes)}:\n{plan}");
        }
    }
}
