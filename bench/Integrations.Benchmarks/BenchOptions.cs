using System.Globalization;

namespace Integrations.Benchmarks;

/// <param name="GivenRows">The <c>--rows</c> list when given: each benchmark has its own default.</param>
internal sealed record BenchOptions(int Seconds, int Concurrency, int Rounds, int Rate, IReadOnlyList<int>? GivenRows, string Mode, int Warmup, bool Reimport,
    int Messages, int Connections, int LatencyMs, bool Workflow, int Events)
{
    /// <summary>The smallest warm-up import: one chunk, so the import after it is what a first import after start is.</summary>
    public const int MinWarmup = 1_000;

    public IReadOnlyList<int> Rows => GivenRows ?? [10_000, 1_000_000];

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) =>
            Value(name) is { } text ? int.Parse(text.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;
        var rows = Value("--rows")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => int.Parse(r.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToArray();
        return new BenchOptions(Number("--seconds", 10), Number("--concurrency", 32), Number("--rounds", 4), Number("--rate", 1000),
            rows, Value("--mode") ?? "upsert", Math.Max(MinWarmup, Number("--warmup", 100_000)),
            args.Contains("--reimport"), Number("--messages", 100_000), Number("--connections", 10_000),
            Number("--latency", 0), args.Contains("--workflow"), Number("--events", 5_000));
    }
}
