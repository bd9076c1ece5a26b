using System.Globalization;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// What a run wrote: rows and bytes (tables with their indexes and TOAST, all partitions) of the event and delivery log,
/// and the WAL Postgres wrote meanwhile; scaled to a day at 1,000 deliveries/s for docs/operations.md.
/// </summary>
internal sealed class StorageUse
{
    private static readonly string[] Tables = ["events", "webhook_deliveries", "webhook_delivery_attempts"];
    private readonly string connectionString;
    private readonly string walAtStart;

    private StorageUse(string connectionString, string walAtStart) => (this.connectionString, this.walAtStart) = (connectionString, walAtStart);

    public static async Task<StorageUse> StartAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var wal = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", connection);
        return new StorageUse(connectionString, (string)(await wal.ExecuteScalarAsync())!);
    }

    /// <summary>Prints rows, bytes and WAL per delivery, and the same for a day at 1,000 deliveries/s.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "The table names are this class's constants.")]
    public async Task ReportAsync(long deliveries)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var wal = new NpgsqlCommand("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), @start::pg_lsn)::bigint", connection))
        {
            wal.Parameters.AddWithValue("start", walAtStart);
            var walBytes = (long)(await wal.ExecuteScalarAsync())!;
            Print("WAL", null, walBytes, deliveries);
        }

        foreach (var table in Tables)
        {
            await using var size = new NpgsqlCommand(
                $"""
                SELECT (SELECT count(*) FROM {table}),
                       COALESCE((SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits WHERE inhparent = '{table}'::regclass), 0)
                       + pg_total_relation_size('{table}'::regclass)
                """, connection);
            await using var reader = await size.ExecuteReaderAsync();
            await reader.ReadAsync();
            Print(table, reader.GetInt64(0), (long)reader.GetDecimal(1), deliveries);
        }
    }

    private static void Print(string what, long? rows, long bytes, long deliveries)
    {
        const double PerDay = 1000.0 * 86_400;
        var perDelivery = (double)bytes / deliveries;
        var rowsText = rows is { } n ? string.Create(CultureInfo.InvariantCulture, $"{(double)n / deliveries:F2} rows, ") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storage    {what,-26} {rowsText}{perDelivery,6:F0} B per delivery; at 1,000 deliveries/s for a day: " +
            $"{(rows is { } r ? $"{(double)r / deliveries * PerDay / 1e6:F1} M rows, " : "")}{perDelivery * PerDay / 1e9:F1} GB"));
    }
}
