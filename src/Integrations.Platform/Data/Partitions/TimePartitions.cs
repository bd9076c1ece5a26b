using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integrations.Platform.Data.Partitions;

/// <summary>
/// Creates the weeks ahead of every <see cref="PartitionedTable"/> and retires old ones: drops a week whole, or keeps
/// only its rows kept longer (copied into a fresh partition for the same week, the rest dropped with the old one), so
/// retention never deletes rows one by one. Rows whose week has no partition (a clock far ahead, a job that did not
/// run) land in the table's default partition; they move into their week's partition when it is created, and rows
/// left there past their retention are deleted. Runs under an advisory lock: instances take turns.
/// </summary>
[SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
    Justification = "Table and partition names come from the code's registrations and the catalog; bounds are formatted UUIDs.")]
public sealed partial class TimePartitions
{
    /// <summary>Weeks created ahead of the current one.</summary>
    public const int WeeksAhead = 2;

    private readonly IntegrationsDbContext db;
    private readonly TimeProvider clock;
    private readonly IEnumerable<PartitionedTable> tables;
    private readonly ILogger<TimePartitions> log;

    internal TimePartitions(IntegrationsDbContext db, TimeProvider clock, IEnumerable<PartitionedTable> tables, ILogger<TimePartitions> log)
    {
        this.db = db;
        this.clock = clock;
        this.tables = tables;
        this.log = log;
    }

    /// <summary>Creates this week's and the next weeks' partitions where missing.</summary>
    public async Task EnsureAheadAsync(CancellationToken ct)
    {
        var week = TimeBounds.WeekOf(clock.GetUtcNow());
        foreach (var table in tables)
        {
            var partitions = await ListAsync(table.Name, ct);
            for (var i = 0; i <= WeeksAhead; i++)
            {
                var start = week + (i * TimeBounds.Week);
                // The first partition (the table before it was partitioned) may reach into this week or the next.
                if (!partitions.Any(p => p.Starts < start + TimeBounds.Week && (p.Ends is null || p.Ends > start)))
                {
                    await EnsureAsync(table.Name, start, ct);
                }
            }
        }
    }

    /// <summary>Creates the weeks ahead, then retires what is past its retention. Returns the partitions dropped.</summary>
    public async Task<IReadOnlyList<string>> MaintainAsync(CancellationToken ct)
    {
        await EnsureAheadAsync(ct);
        var dropped = new List<string>();
        var now = clock.GetUtcNow();
        foreach (var table in tables)
        {
            foreach (var partition in await ListAsync(table.Name, ct))
            {
                if (partition.Ends is not { } ends || ends > now - table.Keep)
                {
                    continue;
                }

                if (table.KeepLongerWhere is null || ends <= now - table.KeepLongerFor)
                {
                    await InTurnAsync($"ALTER TABLE {table.Name} DETACH PARTITION {partition.Name}; DROP TABLE {partition.Name};", ct);
                    Dropped(partition.Name);
                    dropped.Add(partition.Name);
                }
                else
                {
                    await KeepOnlyAsync(table, partition, ct);
                }
            }

            await PruneDefaultAsync(table, now, ct);
        }

        return dropped;
    }

    /// <summary>Creates the partition of <paramref name="table"/> for the week starting <paramref name="week"/>, taking
    /// over its rows from the default partition, unless it exists.</summary>
    internal async Task EnsureAsync(string table, DateTimeOffset week, CancellationToken ct)
    {
        var name = TimeBounds.PartitionName(table, week);
        if (await ExistsAsync(name, ct))
        {
            return;
        }

        var (from, to) = (TimeBounds.FirstId(week), TimeBounds.FirstId(week + TimeBounds.Week));
        await InTurnAsync(
            $"""
            DO $$ BEGIN
              IF to_regclass('{name}') IS NULL THEN
                CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
                WITH moved AS (DELETE FROM {table}_default WHERE id >= '{from}' AND id < '{to}' RETURNING *)
                INSERT INTO {name} SELECT * FROM moved;
                ALTER TABLE {table} ATTACH PARTITION {name} FOR VALUES FROM ('{from}') TO ('{to}');
              END IF;
            END $$;
            """, ct);
    }

    /// <summary>The partitions of <paramref name="table"/> but its default, each with when its range ends.</summary>
    internal async Task<List<Partition>> ListAsync(string table, CancellationToken ct)
    {
        var partitions = await db.Database.SqlQueryRaw<CatalogPartition>(
            """
            SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = to_regclass(@table)
            ORDER BY c.relname
            """, new NpgsqlParameter("table", table)).ToListAsync(ct);
        return [.. partitions.Where(p => p.Bound != "DEFAULT").Select(p => new Partition(p.Name, p.Bound,
            Bound(LowerBound(), p.Bound) ?? DateTimeOffset.MinValue, Bound(UpperBound(), p.Bound)))];
    }

    /// <summary>Copies the rows kept longer into a fresh table and swaps it in for the partition. The partition is locked
    /// against writes first (reads go on), so an update during the copy (a resumed endpoint's old delivery) waits and
    /// then fails rather than being lost with the old table.</summary>
    private async Task KeepOnlyAsync(PartitionedTable table, Partition partition, CancellationToken ct)
    {
        var others = $"SELECT EXISTS (SELECT 1 FROM {partition.Name} WHERE NOT ({table.KeepLongerWhere})) AS \"Value\"";
        var hasOthers = await db.Database.SqlQueryRaw<bool>(others).SingleAsync(ct);
        if (!hasOthers)
        {
            return;
        }

        var kept = partition.Name + "_kept";
        await InTurnAsync(
            $"""
            LOCK TABLE {partition.Name} IN EXCLUSIVE MODE;
            CREATE TABLE {kept} (LIKE {table.Name} INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
            INSERT INTO {kept} SELECT * FROM {partition.Name} WHERE {table.KeepLongerWhere};
            ALTER TABLE {table.Name} DETACH PARTITION {partition.Name};
            DROP TABLE {partition.Name};
            ALTER TABLE {kept} RENAME TO {partition.Name};
            ALTER TABLE {table.Name} ATTACH PARTITION {partition.Name} {partition.Bound};
            """, ct);
        KeptOnly(partition.Name, table.KeepLongerWhere!);
    }

    private async Task PruneDefaultAsync(PartitionedTable table, DateTimeOffset now, CancellationToken ct)
    {
        var before = TimeBounds.FirstId(now - table.Keep);
        var sql = table.KeepLongerWhere is null
            ? $"DELETE FROM {table.Name}_default WHERE id < '{before}'"
            : $"DELETE FROM {table.Name}_default WHERE id < '{before}' AND (NOT ({table.KeepLongerWhere}) OR id < '{TimeBounds.FirstId(now - table.KeepLongerFor!.Value)}')";
        await db.Database.ExecuteSqlRawAsync(sql, ct);
    }

    private async Task<bool> ExistsAsync(string name, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<bool>("SELECT to_regclass(@name) IS NOT NULL AS \"Value\"", new NpgsqlParameter("name", name)).SingleAsync(ct);

    /// <summary>Runs DDL in a transaction under the partitions' advisory lock, waiting at most 10 s for the table's locks.</summary>
    private async Task InTurnAsync(string ddl, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sql = "SELECT pg_advisory_xact_lock(hashtext('sentinel.partitions')); SET LOCAL lock_timeout = '10s'; " + ddl;
        await db.Database.ExecuteSqlRawAsync(sql, ct);
        await transaction.CommitAsync(ct);
    }

    private static DateTimeOffset? Bound(Regex pattern, string bound) =>
        pattern.Match(bound) is { Success: true } match ? TimeBounds.TimeOf(Guid.Parse(match.Groups[1].Value)) : null;

    [GeneratedRegex(@"FROM \('([0-9a-f-]{36})'\)")]
    private static partial Regex LowerBound();

    [GeneratedRegex(@"TO \('([0-9a-f-]{36})'\)")]
    private static partial Regex UpperBound();

    [LoggerMessage(LogLevel.Information, "Dropped partition {Partition}: past its retention")]
    private partial void Dropped(string partition);

    [LoggerMessage(LogLevel.Information, "Partition {Partition} now holds only the rows kept longer ({Condition})")]
    private partial void KeptOnly(string partition, string condition);

    private sealed record CatalogPartition(string Name, string Bound);
}

/// <summary>One partition: its name, its bound as Postgres prints it, and when its range starts and ends (null: never).</summary>
internal sealed record Partition(string Name, string Bound, DateTimeOffset Starts, DateTimeOffset? Ends);
