using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Testing;
using Npgsql;

namespace Integrations.IntegrationTests.Crm;

/// <summary>
/// The pipeline's locking read must find keys through the unique (workspace_id, email) index even for a workspace the
/// table's statistics do not know yet, as during an import into a new workspace. Planned for that workspace's own
/// statistics (one row), Postgres chose the (workspace_id, updated_at) index and read the whole workspace for every
/// key, which made a million-row import several times slower.
/// </summary>
public sealed class RecordLookupPlanTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LockingRead_UsesTheUniqueKeyIndex_ForAWorkspaceTheStatisticsDoNotKnow()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        // One big workspace in the statistics, like a table where earlier imports landed.
        await using (var fill = new NpgsqlCommand(
            """
            INSERT INTO workspaces (id, name, plan, record_count, created_at)
            VALUES ('01a20000-0000-7000-8000-000000000001', 'Known', 'Scale', 0, now());
            INSERT INTO contacts (id, workspace_id, email, custom_fields, created_at, updated_at)
            SELECT gen_random_uuid(), '01a20000-0000-7000-8000-000000000001', 'known' || g || '@example.com', '{}', now(), now()
            FROM generate_series(1, 20000) AS g;
            ANALYZE contacts;
            """, connection))
        {
            await fill.ExecuteNonQueryAsync(Ct);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + RecordStore.LockSql(RecordTypes.Contact, byKey: true), connection);
        explain.Parameters.AddWithValue("ws", Guid.Parse("01a20000-0000-7000-8000-0000000000ff"));
        explain.Parameters.AddWithValue("ids", Array.Empty<Guid>());
        explain.Parameters.AddWithValue("keys", Enumerable.Range(0, 1000).Select(i => $"new{i}@example.com").ToArray());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
                plan.Add(reader.GetString(0));
        }

        var text = string.Join('\n', plan);
        Assert.Contains("ix_contacts_workspace_id_email", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ix_contacts_workspace_id_updated_at", text, StringComparison.Ordinal);
    }
}
