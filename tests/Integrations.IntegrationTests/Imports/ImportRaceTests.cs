using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using Npgsql;

namespace Integrations.IntegrationTests.Imports;

public sealed class ImportRaceTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_UpdatesTheContactInstead_WhenAnotherWriterStoresItsEmailWhileTheChunkIsWritten()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync(Uploads.Contacts(150), mode: "upsert");
        // Another writer stores person7's email and has not committed yet: the import's locking read cannot see it,
        // so the import writes it as new and waits on the unique index until that writer commits.
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync(Ct);
        await using var transaction = await other.BeginTransactionAsync(Ct);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO contacts (id, workspace_id, first_name, email, custom_fields, created_at, updated_at)
            VALUES (gen_random_uuid(), @ws, 'Someone else', 'person7@example.com', '{}', now(), now())
            """, other, transaction))
        {
            insert.Parameters.AddWithValue("ws", workspace);
            await insert.ExecuteNonQueryAsync(Ct);
        }

        var run = app.RunAsync(id);
        await Poll.UntilAsync(WaitingOnLockAsync, waiting => waiting || run.IsCompleted,
            TimeSpan.FromSeconds(30), _ => "The import never waited for the other writer.");
        await transaction.CommitAsync(Ct);
        await run;

        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal(("completed", 150, 0), (done.GetProperty("status").GetString(), done.GetProperty("rows_succeeded").GetInt32(),
            done.GetProperty("rows_failed").GetInt32()));
        await using var count = new NpgsqlCommand(
            "SELECT count(*), count(*) FILTER (WHERE email = 'person7@example.com' AND first_name = 'Person 7') FROM contacts WHERE workspace_id = @ws",
            other);
        count.Parameters.AddWithValue("ws", workspace);
        await using var reader = await count.ExecuteReaderAsync(Ct);
        await reader.ReadAsync(Ct);
        Assert.Equal((150L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    /// <summary>On a connection of its own: inside a transaction, pg_stat_activity keeps showing its first reading.</summary>
    private async Task<bool> WaitingOnLockAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))! > 0;
    }
}
