using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Integrations.Platform.Data;

/// <summary>
/// Binary <c>COPY … FROM STDIN</c> on the DbContext's connection, so it joins the current transaction. Large batches
/// (imports, bulk API) write their rows this way: Postgres parses no JSON or arrays, and the rows stream to it while
/// the next ones are still being encoded. Small ones keep a single INSERT (one round trip instead of two).
/// </summary>
public static class BulkCopy
{
    /// <summary>From this many rows a batch is written with COPY.</summary>
    public const int MinRows = 100;

    /// <param name="copy">e.g. <c>COPY events (id, type) FROM STDIN (FORMAT BINARY)</c>.</param>
    public static async Task<NpgsqlBinaryImporter> BeginAsync(IntegrationsDbContext db, string copy, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(copy, ct);
    }
}
