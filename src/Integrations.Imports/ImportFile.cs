using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports.Mapping;
using Integrations.Imports.Parsing;

namespace Integrations.Imports;

/// <summary>
/// Reads a CSV or .xlsx import file for one record type, streaming: the file is never loaded whole, so a million
/// rows read in bounded memory. The format is taken from the content (an .xlsx is a ZIP), the CSV delimiter
/// (<c>,</c> <c>;</c> or tab) from the header line.
/// </summary>
internal static class ImportFile
{
    private const int SniffLength = 8192;

    /// <summary>Opens the file and maps its header row. The reading owns <paramref name="stream"/> and disposes it.
    /// A seekable stream is rewound after sniffing; a non-seekable one is replayed. <paramref name="ct"/> stops the
    /// reading of a workbook mid-sheet (it throws <see cref="OperationCanceledException"/>).</summary>
    public static ImportReading Open(Stream stream, RecordType type, CancellationToken ct = default)
    {
        var head = new byte[SniffLength];
        var length = stream.ReadAtLeast(head, SniffLength, throwOnEndOfStream: false);
        var (format, problem) = ImportFormatSniffer.Sniff(head.AsSpan(0, length));
        if (problem is null && format == ImportFormat.Csv && length < SniffLength && IsBlankText(head.AsSpan(0, length)))
        {
            problem = FileProblem.Empty();
        }

        if (problem is not null)
        {
            stream.Dispose();
            return new ImportReading(problem);
        }

        var content = stream.CanSeek ? Rewound(stream) : new PrefixedStream(head, length, stream);
        IRowSource source = format == ImportFormat.Xlsx
            ? new XlsxRowReader(content, ct)
            : new CsvRowReader(content, DelimiterDetector.Detect(Encoding.UTF8.GetString(head, 0, length)));
        return Start(source, type);
    }

    /// <summary>Reads the whole file once, without keeping it, to refuse a broken file before anything is stored.
    /// Open the file again to import it. It runs inside the upload request, so <paramref name="ct"/> (the request's)
    /// stops it when the client goes away.</summary>
    public static ImportCheck Check(Stream stream, RecordType type, CancellationToken ct)
    {
        using var reading = Open(stream, type, ct);
        long rows = 0;
        foreach (var _ in reading.Rows())
        {
            ct.ThrowIfCancellationRequested();
            rows++;
        }

        return reading.Problem is { } problem ? new ImportCheck(problem, null, 0) : new ImportCheck(null, reading.Columns, rows);
    }

    private static ImportReading Start(IRowSource source, RecordType type)
    {
        try
        {
            return MapHeader(source, type);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static ImportReading MapHeader(IRowSource source, RecordType type)
    {
        if (!source.TryRead(out var header))
        {
            return Refuse(source, source.Problem ?? FileProblem.Empty());
        }

        if (header.IsBlank)
        {
            return Refuse(source, FileProblem.BlankHeader());
        }

        var (map, problem) = ColumnMap.Build(type, header.Cells);
        if (problem is not null)
        {
            return Refuse(source, problem);
        }

        SourceRow first;
        do
        {
            if (!source.TryRead(out first))
            {
                return Refuse(source, source.Problem ?? FileProblem.HeaderOnly());
            }
        }
        while (first.IsBlank);
        return new ImportReading(map!, source, first);
    }

    private static ImportReading Refuse(IRowSource source, FileProblem problem)
    {
        source.Dispose();
        return new ImportReading(problem);
    }

    private static Stream Rewound(Stream stream)
    {
        stream.Position = 0;
        return stream;
    }

    private static bool IsBlankText(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            head = head[3..];
        }

        foreach (var b in head)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
