using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Benchmarks;

/// <summary>The floor under any import: the same rows straight into <c>contacts</c> with binary COPY, nothing else.</summary>
internal static class RawCopy
{
    public static async Task<TimeSpan> RunAsync(string connectionString, Guid workspaceId, ContactsCsv csv)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY contacts (id, workspace_id, first_name, last_name, email, phone, job_title, custom_fields, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var cells in csv.ReadRows())
            {
                await import.StartRowAsync();
                await import.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await import.WriteAsync(workspaceId, NpgsqlDbType.Uuid);
                for (var i = 0; i < 5; i++)
                {
                    await import.WriteAsync(cells[i], NpgsqlDbType.Varchar);
                }

                await import.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await import.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await import.WriteAsync(now, NpgsqlDbType.TimestampTz);
            }

            await import.CompleteAsync();
        }

        return clock.Elapsed;
    }
}
