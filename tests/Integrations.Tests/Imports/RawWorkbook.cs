using System.IO.Compression;
using System.Text;

namespace Integrations.Tests.Imports;

/// <summary>Builds .xlsx files part by part, the way no spreadsheet program would: the sheet and shared strings XML are
/// written by the test, streamed through the compressor, so a gigabyte cell is a few hundred kilobytes on disk.</summary>
internal static class RawWorkbook
{
    public static byte[] Build(string sheetData, string? sharedStrings = null, string dimension = "") =>
        Build(w => w.Write(sheetData), sharedStrings is null ? null : w => w.Write(sharedStrings), dimension);

    public static byte[] Build(Action<TextWriter> writeSheetData, Action<TextWriter>? writeSharedStrings = null, string dimension = "")
    {
        const string main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string rels = "http://schemas.openxmlformats.org/package/2006/relationships";
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "xl/workbook.xml", w => w.Write(
                $"<workbook xmlns=\"{main}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Part(zip, "xl/_rels/workbook.xml.rels", w => w.Write(
                $"<Relationships xmlns=\"{rels}\"><Relationship Id=\"rId1\" Type=\"{rels}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"));
            Part(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.Write($"<worksheet xmlns=\"{main}\">{dimension}<sheetData>");
                writeSheetData(w);
                w.Write("</sheetData></worksheet>");
            });
            if (writeSharedStrings is not null)
            {
                Part(zip, "xl/sharedStrings.xml", w =>
                {
                    w.Write($"<sst xmlns=\"{main}\">");
                    writeSharedStrings(w);
                    w.Write("</sst>");
                });
            }
        }

        return file.ToArray();
    }

    /// <summary>Writes <paramref name="count"/> copies of <paramref name="c"/> without holding them in memory.</summary>
    public static void Repeat(TextWriter writer, char c, long count)
    {
        var block = new string(c, 64 * 1024);
        for (; count > 0; count -= block.Length)
        {
            writer.Write(count >= block.Length ? block : block[..(int)count]);
        }
    }

    private static void Part(ZipArchive zip, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        write(writer);
    }
}
