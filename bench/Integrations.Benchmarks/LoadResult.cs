namespace Integrations.Benchmarks;

/// <summary>Requests and latencies gathered over one or more rounds of one variant.</summary>
internal sealed class LoadResult(string name)
{
    private readonly List<double> latenciesMs = [];

    public string Name { get; } = name;
    public long Requests { get; private set; }
    public long Failures { get; private set; }
    public TimeSpan Elapsed { get; private set; }

    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public void Add(long requests, long failures, TimeSpan elapsed, IEnumerable<double> latencies)
    {
        Requests += requests;
        Failures += failures;
        Elapsed += elapsed;
        latenciesMs.AddRange(latencies);
    }

    public double Percentile(double p)
    {
        if (latenciesMs.Count == 0)
        {
            return double.NaN;
        }

        var sorted = latenciesMs.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
    }
}
