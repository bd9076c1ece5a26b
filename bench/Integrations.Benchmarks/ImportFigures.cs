using System.Globalization;

namespace Integrations.Benchmarks;

/// <summary>What one round's instances imported: the measured jobs (and the warm-up jobs, checked alike).</summary>
internal sealed record ImportFigures(int Instances, int Rows, TimeSpan Elapsed, IReadOnlyList<ImportedJob> Jobs, int WarmUpRows, IReadOnlyList<ImportedJob> WarmUps)
{
    public double PerSecond => (double)Rows * Jobs.Count / Elapsed.TotalSeconds;

    public bool Clean => Jobs.All(j => j.RanOnce(Rows)) && WarmUps.All(j => j.RanOnce(WarmUpRows));

    /// <summary>How many measured jobs each Hangfire server ran, e.g. <c>4 + 4</c>.</summary>
    public string Split => string.Join(" + ", Jobs.GroupBy(j => j.Server).Select(g => g.Count()).OrderDescending());

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"imports    {PerSecond,7:N0} rows/s ({Jobs.Count} × {Rows:N0} rows in {Elapsed.TotalSeconds:F1}s, jobs per instance {Split}); ");
        var wrong = Jobs.Select(j => (Job: j, Rows)).Concat(WarmUps.Select(j => (Job: j, Rows: WarmUpRows)))
            .Where(j => !j.Job.RanOnce(j.Rows)).Select(j => $"{Environment.NewLine}    NOT once, of {j.Rows} rows: {j.Job}").ToList();
        return text + (wrong.Count == 0
            ? $"each of the {Jobs.Count + WarmUps.Count} jobs (warm-up included) picked up and run once, rows = contacts = contact.created events"
            : string.Concat(wrong));
    }
}
