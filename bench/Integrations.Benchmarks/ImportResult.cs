using System.Globalization;

namespace Integrations.Benchmarks;

/// <summary>One row count's figures, and the issue's goals for it.</summary>
/// <param name="Floor">The same rows stored as an import stores them, with nothing else (<see cref="StorageFloor"/>).</param>
internal sealed record ImportResult(int Rows, TimeSpan Start, TimeSpan Processing, TimeSpan Copy, TimeSpan Floor, long PeakWorkingSet, long PeakManagedHeap, long StartWorkingSet)
{
    private const double MaxMegabytes = 300;
    private const double MinRowsPerSecond = 50_000;
    private const double MinCopyRatio = 0.40;

    public double PipelinePerSecond => Rows / Processing.TotalSeconds;

    public double CopyPerSecond => Rows / Copy.TotalSeconds;

    public double Ratio => PipelinePerSecond / CopyPerSecond;

    /// <summary>What storing the rows alone achieves against COPY (a loose ceiling for the pipeline's ratio).</summary>
    public double FloorRatio => Copy / Floor;

    public static double Megabytes(long bytes) => bytes / 1024.0 / 1024.0;

    /// <summary>Small files: under 1 s of processing; large ones: 50,000 rows/s and 40% of COPY. Memory under 300 MB for all.</summary>
    private string SpeedGoals => Rows <= 10_000
        ? $"speed <1 s: {Met(Processing < TimeSpan.FromSeconds(1))}"
        : $"speed >=50k/s: {Met(PipelinePerSecond >= MinRowsPerSecond)}; >=40% of COPY: {Met(Ratio >= MinCopyRatio)}";

    private static string Met(bool met) => met ? "met" : "NOT met";

    public static void PrintHeader() => Console.WriteLine(
        $"{"rows",10} {"start",8} {"process",9} {"pipeline/s",11} {"COPY/s",10} {"ratio",7} {"storage/s",10} {"ratio",7} {"peak WS",9} {"peak heap",10} {"WS before",10}  goals");

    public void Print()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Rows,10:N0} {Start.TotalSeconds,7:F2}s {Processing.TotalSeconds,8:F2}s {PipelinePerSecond,11:N0} {CopyPerSecond,10:N0} {Ratio,7:P1} " +
            $"{Rows / Floor.TotalSeconds,10:N0} {FloorRatio,7:P1} " +
            $"{Megabytes(PeakWorkingSet),6:F0} MB {Megabytes(PeakManagedHeap),7:F0} MB {Megabytes(StartWorkingSet),7:F0} MB  " +
            $"{SpeedGoals}; memory <300 MB: {Met(Megabytes(PeakWorkingSet) < MaxMegabytes)}"));
    }
}
