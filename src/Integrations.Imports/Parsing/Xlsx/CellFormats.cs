using System.Globalization;
using System.Xml;

namespace Integrations.Imports.Parsing.Xlsx;

internal enum NumberKind : byte
{
    Number,
    Date,
    Time,
}

/// <summary>
/// Which cell styles (<c>xl/styles.xml</c>) show a number as a date or a time: a workbook stores 2026-03-01 as the number
/// 46082 and only its style says it is a date.
/// </summary>
internal sealed class CellFormats
{
    // Excel holds at most 64,000 cell formats and a few hundred number formats; more are ignored rather than stored.
    private const int MaxStyles = 65_536;
    private const int MaxNumberFormats = 4_096;

    private readonly List<NumberKind> styles = [];

    public NumberKind KindOf(int style) => style >= 0 && style < styles.Count ? styles[style] : NumberKind.Number;

    public static CellFormats Load(XmlReader? reader, CancellationToken ct)
    {
        var formats = new CellFormats();
        if (reader is null)
        {
            return formats;
        }

        var custom = new Dictionary<int, NumberKind>();
        var inCellXfs = false;
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellXfs = false;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (reader.LocalName == "numFmt" && custom.Count < MaxNumberFormats && Id(reader, "numFmtId") is { } id)
            {
                custom[id] = KindOfCode(reader.GetAttribute("formatCode") ?? "");
            }
            else if (reader.LocalName == "cellXfs")
            {
                inCellXfs = !reader.IsEmptyElement;
            }
            else if (inCellXfs && reader.LocalName == "xf" && formats.styles.Count < MaxStyles)
            {
                formats.styles.Add(Id(reader, "numFmtId") is { } format ? BuiltInKind(format) ?? custom.GetValueOrDefault(format) : NumberKind.Number);
            }
        }

        return formats;
    }

    private static int? Id(XmlReader reader, string attribute) =>
        int.TryParse(reader.GetAttribute(attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    // ECMA-376 18.8.30: 14-17 and 22 are dates, 18-21 and 45-47 times; 27-36 and 50-58 are the East Asian date formats.
    private static NumberKind? BuiltInKind(int id) => id switch
    {
        >= 14 and <= 17 or 22 or >= 27 and <= 31 or 36 or >= 50 and <= 58 => NumberKind.Date,
        >= 18 and <= 21 or >= 32 and <= 35 or >= 45 and <= 47 => NumberKind.Time,
        < 164 => NumberKind.Number,
        _ => null,
    };

    // A custom code is a date when its first section, literals and colours aside, has y or d, or an m that cannot be
    // minutes (no h or s beside it); a time when it has h or s ("[h]:mm" included).
    private static NumberKind KindOfCode(string code)
    {
        bool yearOrDay = false, month = false, time = false, quoted = false;
        var section = code.Split(';')[0].Replace("AM/PM", "", StringComparison.OrdinalIgnoreCase).Replace("A/P", "", StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < section.Length; i++)
        {
            var c = char.ToLowerInvariant(section[i]);
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c is '\\' or '_' or '*')
            {
                i++;
            }
            else if (c == '[' && section.IndexOf(']', i) is var end and > 0)
            {
                // [h], [mm], [ss] are elapsed time; [Red], [$-409] and the like are not about dates.
                var inside = section[(i + 1)..end].ToLowerInvariant();
                time |= inside.Length > 0 && inside.All(x => x == inside[0]) && inside[0] is 'h' or 'm' or 's';
                i = end;
            }
            else if (c is 'y' or 'd')
            {
                yearOrDay = true;
            }
            else if (c is 'h' or 's')
            {
                time = true;
            }
            else if (c == 'm')
            {
                month = true;
            }
        }

        return yearOrDay || month && !time ? NumberKind.Date : time ? NumberKind.Time : NumberKind.Number;
    }
}
