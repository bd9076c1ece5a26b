using System.Globalization;

namespace Integrations.Benchmarks;

internal sealed record BenchOptions(int Seconds, int Concurrency, int Rounds, int Rate)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions(Number("--seconds", 10), Number("--concurrency", 32), Number("--rounds", 4), Number("--rate", 1000));
    }
}
