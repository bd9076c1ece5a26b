using System.Diagnostics;
using Integrations.Crm.Schema;
using Integrations.Imports;

namespace Integrations.Tests.Imports;

/// <summary>Runs alone: its bound is on the whole process's managed heap, which a test allocating alongside (a hostile
/// workbook's big cell) would push past it.</summary>
[Collection(nameof(StreamingTests))]
public sealed class StreamingTests
{
    [Fact]
    public void Rows_StreamAMillionRowsInBoundedMemory_WhenFileIsOver100Mb()
    {
        const int rowCount = 1_000_000;
        var source = new GeneratedCsvStream(rowCount);
        // The bound counts garbage too: the earlier tests' (a hostile workbook's 64M-character cell lies in the large
        // object heap until a full collection) must not be charged to this one.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var watch = Stopwatch.StartNew();
        long rows = 0, peakHeap = 0;
        var lastRowNumber = 0;

        using (var reading = ImportFile.Open(source, RecordTypes.Product, TestContext.Current.CancellationToken))
        {
            foreach (var row in reading.Rows())
            {
                rows++;
                lastRowNumber = row.RowNumber;
                if (rows % 50_000 == 0)
                {
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                }
            }

            Assert.Null(reading.Problem);
        }

        Assert.Equal(rowCount, rows);
        Assert.Equal(rowCount + 1, lastRowNumber);
        Assert.True(source.BytesProduced > 100_000_000, $"only {source.BytesProduced:N0} bytes generated");
        Assert.True(peakHeap < 64_000_000, $"managed heap reached {peakHeap:N0} bytes");
        TestContext.Current.SendDiagnosticMessage($"{rows:N0} rows, {source.BytesProduced:N0} bytes in {watch.Elapsed}, peak heap {peakHeap:N0}");
    }

    // In this class so that it does not run beside the test above, whose heap bound counts the whole process.
    [Fact]
    public void Check_RefusesTheFile_WhenItHasMoreThanAMillionDataRows()
    {
        var check = ImportFile.Check(new GeneratedCsvStream(1_000_001), RecordTypes.Product, TestContext.Current.CancellationToken);

        Assert.Equal("The file has more than 1,000,000 data rows, the most one import takes. Split it into files of at most 1,000,000 rows.",
            check.Problem?.Message);
    }
}

[CollectionDefinition(nameof(StreamingTests), DisableParallelization = true)]
public sealed class StreamingTestsRunAlone;
