using System.IO.Compression;
using System.Xml;

namespace Integrations.Imports.Parsing.Xlsx;

/// <summary>
/// The parts of an .xlsx (a ZIP of XML files) that an import reads: the first sheet in tab order, found through
/// <c>xl/workbook.xml</c> and its relationships, with the shared strings and styles it refers to.
/// </summary>
internal sealed class XlsxPackage(Stream stream) : IDisposable
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    private readonly ZipArchive zip = new(stream, ZipArchiveMode.Read, leaveOpen: false);
    private readonly List<MarkupGuardStream> guards = [];

    public string? FirstSheet { get; private set; }
    public string SharedStrings { get; private set; } = "xl/sharedStrings.xml";
    public string Styles { get; private set; } = "xl/styles.xml";

    /// <summary>True when a part ran on too long without markup (see <see cref="MarkupGuardStream"/>).</summary>
    public bool Oversized => guards.Exists(g => g.Exceeded);

    /// <summary>Finds the parts; <see cref="FirstSheet"/> stays null when the workbook names no sheet.</summary>
    public void Locate()
    {
        if (FirstSheetRelationship() is not { } sheetId)
        {
            return;
        }

        using var reader = Read("xl/_rels/workbook.xml.rels");
        while (reader?.Read() == true)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.GetAttribute("Target") is not { } target)
            {
                continue;
            }

            var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
            var type = reader.GetAttribute("Type") ?? "";
            if (reader.GetAttribute("Id") == sheetId)
            {
                FirstSheet = path;
            }
            else if (type.EndsWith("/sharedStrings", StringComparison.Ordinal))
            {
                SharedStrings = path;
            }
            else if (type.EndsWith("/styles", StringComparison.Ordinal))
            {
                Styles = path;
            }
        }
    }

    /// <summary>A forward-only reader over a part, or null when the workbook has no such part.</summary>
    public XmlReader? Read(string? part)
    {
        if (part is null || zip.GetEntry(part) is not { } entry)
        {
            return null;
        }

        var guard = new MarkupGuardStream(entry.Open());
        guards.Add(guard);
        return XmlReader.Create(guard, Settings);
    }

    public void Dispose() => zip.Dispose();

    private string? FirstSheetRelationship()
    {
        using var reader = Read("xl/workbook.xml");
        while (reader?.Read() == true)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "sheet")
            {
                continue;
            }

            // r:id, whichever prefix and (transitional or strict) namespace the writer used.
            for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
            {
                if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
                {
                    return reader.Value;
                }
            }

            return null;
        }

        return null;
    }
}
