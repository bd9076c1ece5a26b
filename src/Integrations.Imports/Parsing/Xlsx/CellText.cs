using System.Globalization;
using System.Text;
using System.Xml;

namespace Integrations.Imports.Parsing.Xlsx;

/// <summary>
/// Reads the text of a cell-like element (<c>&lt;v&gt;</c>, <c>&lt;is&gt;</c>, a shared string's <c>&lt;si&gt;</c>) in chunks,
/// giving up past <see cref="MaxLength"/> characters so a hostile 1 GB cell costs a few kilobytes, not gigabytes.
/// </summary>
internal sealed class CellText
{
    /// <summary>Excel's own limit for one cell: a longer text was not written by a spreadsheet program, and the longest
    /// field we store is 4,000 characters.</summary>
    internal const int MaxLength = 32_767;

    private readonly StringBuilder text = new();
    private readonly char[] chunk = new char[4096];

    /// <summary>Reads the content of the element the reader is on, phonetic runs (<c>&lt;rPh&gt;</c>) left out, and leaves
    /// the reader on its end. Returns null when the text is longer than <see cref="MaxLength"/>.</summary>
    public string? Read(XmlReader reader, CancellationToken ct)
    {
        text.Clear();
        if (reader.IsEmptyElement)
        {
            return "";
        }

        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "rPh" or "phoneticPr")
            {
                reader.Skip();
                continue;
            }

            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
            {
                int n;
                while ((n = reader.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                {
                    text.Append(chunk, 0, n);
                    if (text.Length > MaxLength)
                    {
                        return null;
                    }
                }
            }

            if (!reader.Read())
            {
                throw new XmlException("The part ends inside a cell.");
            }
        }

        return Decoded(text);
    }

    // Excel writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x). Decoding them can yield a lone
    // surrogate, which is not text: Postgres refuses it in jsonb, so it becomes U+FFFD like any other undecodable byte.
    private static string Decoded(StringBuilder text)
    {
        var value = text.ToString();
        if (!value.Contains("_x", StringComparison.Ordinal))
        {
            return value;
        }

        var decoded = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '_' && i + 6 < value.Length && value[i + 1] == 'x' && value[i + 6] == '_'
                && ushort.TryParse(value.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                decoded.Append((char)code);
                i += 6;
            }
            else
            {
                decoded.Append(value[i]);
            }
        }

        return WithoutLoneSurrogates(decoded);
    }

    private static string WithoutLoneSurrogates(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                text[i] = '\uFFFD';
            }
        }

        return text.ToString();
    }
}
