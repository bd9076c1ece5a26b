using System.Globalization;

namespace Integrations.Benchmarks;

/// <summary>What one round's instances delivered. <paramref name="Expected"/> counts the warm-up too, as do the checks:
/// <paramref name="Repeats"/> are POSTs beyond one per delivery, and every delivery should be delivered in one attempt.</summary>
internal sealed record DeliveryFigures(int Instances, int Backlog, TimeSpan Elapsed, int Missing, long Repeats, long BadSignatures,
    long Expected, long Delivered, long Attempts, TimeSpan[] Cpu, TimeSpan DatabaseCpu, long Commits)
{
    public double PerSecond => Backlog / Elapsed.TotalSeconds;

    /// <summary>CPU per delivery, the instances' and Postgres's, in µs.</summary>
    public (double App, double Database) CpuPerDelivery =>
        (Cpu.Sum(c => c.TotalMicroseconds) / Backlog, DatabaseCpu.TotalMicroseconds / Backlog);

    public bool Clean => Missing == 0 && Repeats == 0 && BadSignatures == 0 && Delivered == Expected && Attempts == Expected;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"deliveries {PerSecond,7:N0}/s ({Backlog:N0} in {Elapsed.TotalSeconds:F1}s; CPU: instances {string.Join(" + ", Cpu.Select(c => $"{c.TotalSeconds:F1}s"))}, " +
        $"Postgres {DatabaseCpu.TotalSeconds:F1}s; {Commits * 1000.0 / Backlog:F0} transactions per 1,000); " +
        $"{Missing} missing, {Repeats} repeats, {BadSignatures} bad signatures, {Delivered:N0} delivered and {Attempts:N0} attempts logged of {Expected:N0}");
}
