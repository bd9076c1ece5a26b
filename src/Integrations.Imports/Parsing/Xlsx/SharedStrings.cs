using System.Text;
using System.Xml;

namespace Integrations.Imports.Parsing.Xlsx;

/// <summary>
/// The workbook's shared strings (<c>xl/sharedStrings.xml</c>), which cells refer to by index. They are kept as UTF-8 in
/// 1 MB chunks rather than as a string each: a million-row sheet can share millions of strings, and a string object
/// costs more than its text. The table is capped at <see cref="MaxBytes"/>, so a small hostile file cannot fill memory.
/// </summary>
internal sealed class SharedStrings
{
    /// <summary>About 250 million characters of (mostly ASCII) text: more than a million rows of ordinary CRM data shares,
    /// and a quarter of what the upload limit lets through.</summary>
    internal const long MaxBytes = 256L * 1024 * 1024;

    private const int ChunkSize = 1 << 20;
    private const int EntryCost = sizeof(long);

    private readonly List<byte[]> chunks = [];
    private readonly List<long> entries = [];
    private int used;

    /// <summary>The index of the first string longer than <see cref="CellText.MaxLength"/>; loading stopped there.</summary>
    public int? TooLongAt { get; private set; }

    /// <summary>True when the table outgrew <see cref="MaxBytes"/>; loading stopped there.</summary>
    public bool TooLarge { get; private set; }

    public static SharedStrings Load(XmlReader? reader, CellText text, CancellationToken ct)
    {
        var table = new SharedStrings();
        if (reader is null)
        {
            return table;
        }

        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "si")
            {
                continue;
            }

            ct.ThrowIfCancellationRequested();
            if (text.Read(reader, ct) is not { } value)
            {
                table.TooLongAt = table.entries.Count;
                break;
            }

            if (!table.TryAdd(value))
            {
                table.TooLarge = true;
                break;
            }
        }

        return table;
    }

    /// <summary>The string at <paramref name="index"/>, or null when there is none (a broken reference, or one past
    /// where loading stopped).</summary>
    public string? Get(int index)
    {
        if (index < 0 || index >= entries.Count)
        {
            return null;
        }

        var entry = entries[index];
        return Encoding.UTF8.GetString(chunks[(int)(entry >> 40)], (int)(entry >> 20) & (ChunkSize - 1), (int)(entry & (ChunkSize - 1)));
    }

    private bool TryAdd(string value)
    {
        // A capped string is at most 98,301 UTF-8 bytes, so it always fits in a fresh chunk.
        var length = Encoding.UTF8.GetByteCount(value);
        var newChunk = chunks.Count == 0 || used + length > ChunkSize;
        if ((long)(chunks.Count + (newChunk ? 1 : 0)) * ChunkSize + (long)(entries.Count + 1) * EntryCost > MaxBytes)
        {
            return false;
        }

        if (newChunk)
        {
            chunks.Add(new byte[ChunkSize]);
            used = 0;
        }

        Encoding.UTF8.GetBytes(value, chunks[^1].AsSpan(used));
        entries.Add((long)(chunks.Count - 1) << 40 | (long)used << 20 | (long)length);
        used += length;
        return true;
    }
}
