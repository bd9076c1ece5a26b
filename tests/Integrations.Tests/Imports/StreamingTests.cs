using System.Diagnostics;
using Integrations.Crm.Schema;
using Integrations.Imports;

namespace Integrations.Tests.Imports;

public sealed class StreamingTests
{
    [Fact]
    public void Rows_StreamAMillionRowsInBoundedMemory_WhenFileIsOver100Mb()
    {
        const int rowCount = 1_000_000;
        var source = new GeneratedCsvStream(rowCount);
        var watch = Stopwatch.StartNew();
        long rows = 0, peakHeap = 0;
        int lastRowNumber = 0;

        using (var reading = ImportFile.Open(source, "big.csv", RecordTypes.Product))
        {
            foreach (var row in reading.Rows())
            {
                rows++;
                lastRowNumber = row.RowNumber;
                if (rows % 50_000 == 0)
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
            }
            Assert.Null(reading.Problem);
        }

        Assert.Equal(rowCount, rows);
        Assert.Equal(rowCount + 1, lastRowNumber);
        Assert.True(source.BytesProduced > 100_000_000, $"only {source.BytesProduced:N0} bytes generated");
        Assert.True(peakHeap < 64_000_000, $"managed heap reached {peakHeap:N0} bytes");
        TestContext.Current.SendDiagnosticMessage($"{rows:N0} rows, {source.BytesProduced:N0} bytes in {watch.Elapsed}, peak heap {peakHeap:N0}");
    }
}
