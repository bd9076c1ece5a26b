namespace Integrations.Imports.Parsing;

internal enum ImportFormat
{
    Csv,
    Xlsx,
}

/// <summary>Decides the format from the first bytes, trusting content over the file name.</summary>
internal static class ImportFormatSniffer
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0];

    /// <remarks>A file named .xlsx that is not a ZIP is read as the CSV it usually is (a CSV export renamed).</remarks>
    public static (ImportFormat Format, FileProblem? Problem) Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Zip))
        {
            return (ImportFormat.Xlsx, null);
        }

        if (head.StartsWith(OleCompound))
        {
            return (ImportFormat.Csv, FileProblem.OldExcel());
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (ImportFormat.Csv, FileProblem.Utf16());
        }

        // Text never holds NUL or most other control bytes; images, PDFs and executables do within a few KB.
        if (head.IndexOf((byte)0) >= 0 || CountControlBytes(head) > head.Length / 100 + 1)
        {
            return (ImportFormat.Csv, FileProblem.Binary());
        }

        return (ImportFormat.Csv, null);
    }

    private static int CountControlBytes(ReadOnlySpan<byte> head)
    {
        var count = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\r' and not (byte)'\n' and not 0x0C)
            {
                count++;
            }
        }

        return count;
    }
}
