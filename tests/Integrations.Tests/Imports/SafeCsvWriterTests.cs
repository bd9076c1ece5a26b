using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports;
using Integrations.Imports.Errors;

namespace Integrations.Tests.Imports;

public sealed class SafeCsvWriterTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "'=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("plain, text", "plain, text")]
    [InlineData("", "")]
    public void Neutralize_PrefixesQuote_WhenCellStartsLikeAFormula(string cell, string safe) =>
        Assert.Equal(safe, CellSafety.Neutralize(cell));

    [Fact]
    public void WriteRow_WritesRowNumberErrorAndNeutralizedCells_ReadableAsCsv()
    {
        var text = Encoding.UTF8.GetString(ErrorFile(["name", "sku"], 7, "sku '=1+1' is taken", ["=cmd|' /C calc'!A0", "a,\"b\"\nc"]));
        Assert.StartsWith("\uFEFF", text, StringComparison.Ordinal);
        Assert.Equal("\uFEFFrow_number,error_message,name,sku\r\n7,sku '=1+1' is taken,'=cmd|' /C calc'!A0,\"a,\"\"b\"\"\nc\"\r\n", text);
    }

    [Fact]
    public void ErrorFile_ImportsAsTheRowsItReports_WithoutItsOwnColumnsAndWithFormulaCellsRestored()
    {
        var file = ErrorFile(["name", "description"], 2, "price is not a number", ["Widget, large", "-10% \"off\"\nthen more"]);

        using var reading = ImportFile.Open(new MemoryStream(file), RecordTypes.Product, TestContext.Current.CancellationToken);
        var row = Assert.Single(reading.Rows());
        Assert.Equal(["Widget, large", "'-10% \"off\"\nthen more"], row.Cells);
        Assert.Equal(["name", "description"], row.Fields.Select(f => f.Key));
        Assert.Equal("-10% \"off\"\nthen more", row.Fields["description"]!.GetValue<string>());
        Assert.Empty(reading.Columns!.CustomColumns);
        Assert.Equal(["name", "description"], reading.Columns.OwnColumns.Select(c => c.Header));
    }

    [Fact]
    public void ErrorFile_LinesUpEveryRow_WhenRowsAreShorterOrLongerThanTheHeader()
    {
        using var reading = ImportTestFiles.Open("name,sku,price\nShort\nLong,L-1,2,extra\n", RecordTypes.Product);
        var rows = reading.Rows().ToList();
        var output = new MemoryStream();
        using (var writer = new SafeCsvWriter(output, ["name", "sku", "price"], leaveOpen: true))
        {
            writer.WriteHeader();
            foreach (var row in rows)
            {
                writer.WriteRow(row.RowNumber, row.Error ?? "", row.Cells);
            }
        }

        Assert.Equal(["Short", "", ""], rows[0].Cells);
        Assert.Equal("\uFEFFrow_number,error_message,name,sku,price\r\n2,,Short,,\r\n3,Row 3 has 4 values but the header has 3 columns.,Long,L-1,2,extra\r\n",
            Encoding.UTF8.GetString(output.ToArray()));
    }

    [Theory]
    [InlineData(new[] { "Ada" }, "3,x,Ada\r\n")]
    [InlineData(new[] { "Ada", "ada@example.com", "extra", "more" }, "3,x,Ada,ada@example.com,extra,more\r\n")]
    public void WriteRow_WritesTheRowAsRead_WhenItHasMoreOrFewerCellsThanTheHeader(string[] cells, string line)
    {
        var text = Encoding.UTF8.GetString(ErrorFile(["name", "email"], 3, "x", cells));

        Assert.Equal("\uFEFFrow_number,error_message,name,email\r\n" + line, text);
    }

    [Theory]
    [InlineData("'+44 20 7946 0000", "+44 20 7946 0000")]
    [InlineData("'=1+1", "=1+1")]
    [InlineData("'plain", "'plain")]
    [InlineData("'", "'")]
    [InlineData("O'Brien", "O'Brien")]
    public void Restore_UndoesNeutralize_AndLeavesOtherQuotesAlone(string cell, string value) =>
        Assert.Equal(value, CellSafety.Restore(cell));

    private static byte[] ErrorFile(string[] headers, int rowNumber, string error, string[] cells)
    {
        var output = new MemoryStream();
        using (var writer = new SafeCsvWriter(output, headers, leaveOpen: true))
        {
            writer.WriteHeader();
            writer.WriteRow(rowNumber, error, cells);
        }

        return output.ToArray();
    }
}
