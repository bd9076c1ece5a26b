namespace Integrations.Imports.Parsing.Xlsx;

/// <summary>
/// Fails a part of the workbook that runs on for more than <see cref="MaxRun"/> bytes without a <c>&lt;</c>.
/// <see cref="System.Xml.XmlReader"/> holds a whole tag (name and attribute values) in memory, so a single 1 GB attribute
/// would exhaust it; text is read in chunks and capped by the caller, so this only stops what no spreadsheet writes.
/// </summary>
internal sealed class MarkupGuardStream(Stream inner) : ForwardOnlyStream(inner)
{
    /// <summary>Far above the longest legitimate run: a 32,767-character cell written as numeric character references.</summary>
    internal const int MaxRun = 1 << 20;

    private long run;

    /// <summary>True once the guard has failed the part, so the reader can say why.</summary>
    public bool Exceeded { get; private set; }

    public override int Read(Span<byte> buffer)
    {
        var n = Inner.Read(buffer);
        var last = buffer[..n].LastIndexOf((byte)'<');
        run = last < 0 ? run + n : n - 1 - last;
        if (run > MaxRun)
        {
            Exceeded = true;
            throw new InvalidDataException("A workbook part runs on too long without markup.");
        }

        return n;
    }
}
