using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// The work a local Postgres server has done: the CPU time of its postmaster, of the processes it runs now (backends,
/// workers) and of the ones that have exited (reaped into the postmaster's children's times), read from <c>/proc</c>
/// (Linux only); and the transactions committed in the database. On a shared machine, work per unit says more than a
/// rate does. Backends report their commits up to a second late, so the count is close, not exact.
/// </summary>
internal static class PostgresWork
{
    /// <summary>Linux reports process times in USER_HZ, 100 a second.</summary>
    private const double TicksPerSecond = 100;

    public static async Task<(TimeSpan Cpu, long Commits)> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT pg_backend_pid(), xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var postmaster = Stat(reader.GetInt32(0))?.Parent
            ?? throw new InvalidOperationException("The Postgres server's processes cannot be read from /proc.");
        var ticks = Stat(postmaster)!.Value.Ticks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } child && child.Parent == postmaster)
            {
                ticks += child.Ticks;
            }
        }

        return (TimeSpan.FromSeconds(ticks / TicksPerSecond), reader.GetInt64(1));
    }

    /// <summary>A process's parent and its own and its reaped children's user and system time; null when it is gone.</summary>
    private static (int Parent, long Ticks)? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        // After the command name in parentheses: state, ppid, … utime, stime, cutime, cstime (fields 14 to 17 of stat).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture),
            fields[11..15].Sum(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
