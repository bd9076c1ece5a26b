using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Benchmarks;

/// <summary>
/// What an import must store for each row, and nothing else: the contact, its audit entry and its one event
/// (<c>contact.created</c> with the record's JSON), written with binary COPY in
/// 1,000-row transactions by two connections at once, as the import's two writers do. No parsing, validation, key
/// lookups or JSON building: the rows are formatted straight from the file, and written with the same synchronous
/// <c>Write</c> calls as the pipeline's. A loose floor under an import that stores these rows in resumable chunks: it
/// gets no warm-up of its own and builds its JSON as strings on the writing thread, where the pipeline writes UTF-8
/// bytes built on another core.
/// </summary>
internal static class StorageFloor
{
    private const int ChunkSize = 1_000;
    private const int Writers = 2;

    public static async Task<TimeSpan> RunAsync(string connectionString, Guid workspaceId, ContactsCsv csv)
    {
        var clock = Stopwatch.StartNew();
        var chunks = Channel.CreateBounded<List<string[]>>(Writers);
        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(() => WriteAsync(connectionString, workspaceId, chunks.Reader))).ToList();
        foreach (var chunk in csv.ReadRows().Chunk(ChunkSize))
        {
            await chunks.Writer.WriteAsync([.. chunk]);
        }

        chunks.Writer.Complete();
        await Task.WhenAll(writers);
        return clock.Elapsed;
    }

    private static async Task WriteAsync(string connectionString, Guid workspaceId, ChannelReader<List<string[]>> chunks)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await foreach (var chunk in chunks.ReadAllAsync())
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var now = DateTimeOffset.UtcNow;
            var ids = chunk.Select(_ => Guid.CreateVersion7()).ToArray();
            await using (var contacts = await connection.BeginBinaryImportAsync(
                "COPY contacts (id, workspace_id, first_name, last_name, email, phone, job_title, custom_fields, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    contacts.StartRow();
                    contacts.Write(ids[i], NpgsqlDbType.Uuid);
                    contacts.Write(workspaceId, NpgsqlDbType.Uuid);
                    for (var c = 0; c < 5; c++)
                    {
                        contacts.Write(chunk[i][c], NpgsqlDbType.Varchar);
                    }

                    contacts.Write("{}", NpgsqlDbType.Jsonb);
                    contacts.Write(now, NpgsqlDbType.TimestampTz);
                    contacts.Write(now, NpgsqlDbType.TimestampTz);
                }

                await contacts.CompleteAsync();
            }

            await using (var audit = await connection.BeginBinaryImportAsync(
                "COPY audit_entries (id, workspace_id, occurred_at, actor_type, actor_id, actor_name, source, action, object_type, object_id, changes) FROM STDIN (FORMAT BINARY)"))
            {
                for (var i = 0; i < chunk.Count; i++)
                {
                    var row = chunk[i];
                    audit.StartRow();
                    audit.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    audit.Write(workspaceId, NpgsqlDbType.Uuid);
                    audit.Write(now, NpgsqlDbType.TimestampTz);
                    audit.Write("api_key", NpgsqlDbType.Varchar);
                    audit.Write("key_0193aaaaaaaa7aaa8aaaaaaaaaaaaaaa", NpgsqlDbType.Text);
                    audit.Write("Import bench", NpgsqlDbType.Text);
                    audit.Write("import", NpgsqlDbType.Varchar);
                    audit.Write("contact.created", NpgsqlDbType.Varchar);
                    audit.Write("contact", NpgsqlDbType.Varchar);
                    audit.Write($"con_{ids[i]:N}", NpgsqlDbType.Varchar);
                    audit.Write(
                        $$$"""{"first_name":{"to":"{{{row[0]}}}"},"last_name":{"to":"{{{row[1]}}}"},"email":{"to":"{{{row[2]}}}"},"phone":{"to":"{{{row[3]}}}"},"job_title":{"to":"{{{row[4]}}}"}}""",
                        NpgsqlDbType.Json);
                }

                await audit.CompleteAsync();
            }

            await using (var events = await connection.BeginBinaryImportAsync(
                "COPY events (id, workspace_id, type, occurred_at, data) FROM STDIN (FORMAT BINARY)"))
            {
                var stamp = now.ToString("O");
                for (var i = 0; i < chunk.Count; i++)
                {
                    var row = chunk[i];
                    events.StartRow();
                    events.Write(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                    events.Write(workspaceId, NpgsqlDbType.Uuid);
                    events.Write("contact.created", NpgsqlDbType.Varchar);
                    events.Write(now, NpgsqlDbType.TimestampTz);
                    events.Write(
                        $$$"""{"object":"contact","id":"con_{{{ids[i]:N}}}","record":{"id":"con_{{{ids[i]:N}}}","object":"contact","first_name":"{{{row[0]}}}","last_name":"{{{row[1]}}}","email":"{{{row[2]}}}","phone":"{{{row[3]}}}","job_title":"{{{row[4]}}}","account_id":null,"custom_fields":{},"created_at":"{{{stamp}}}","updated_at":"{{{stamp}}}"}}""",
                        NpgsqlDbType.Json);
                }

                await events.CompleteAsync();
            }

            await transaction.CommitAsync();
        }
    }
}
