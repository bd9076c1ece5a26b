using System.Globalization;

namespace Integrations.Benchmarks;

/// <summary>What one round's instances delivered. <paramref name="Expected"/> counts the warm-up too, as do the checks:
/// <paramref name="Repeats"/> are POSTs beyond one per delivery, and every delivery should be delivered in one attempt.</summary>
internal sealed record DeliveryFigures(int Instances, int Backlog, TimeSpan Elapsed, int Missing, long Repeats, long BadSignatures,
    long Expected, long Delivered, long Attempts, TimeSpan[] Cpu)
{
    public double PerSecond => Backlog / Elapsed.TotalSeconds;

    public bool Clean => Missing == 0 && Repeats == 0 && BadSignatures == 0 && Delivered == Expected && Attempts == Expected;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"deliveries {PerSecond,7:N0}/s ({Backlog:N0} in {Elapsed.TotalSeconds:F1}s, instance CPU {string.Join(" + ", Cpu.Select(c => $"{c.TotalSeconds:F1}s"))}); " +
        $"{Missing} missing, {Repeats} repeats, {BadSignatures} bad signatures, {Delivered:N0} delivered and {Attempts:N0} attempts logged of {Expected:N0}");
}
