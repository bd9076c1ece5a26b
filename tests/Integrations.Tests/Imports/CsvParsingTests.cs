using System.Text;
using Integrations.Crm.Schema;
using static Integrations.Tests.Imports.ImportTestFiles;

namespace Integrations.Tests.Imports;

public sealed class CsvParsingTests
{
    [Fact]
    public void Rows_KeepEmbeddedCommaQuoteAndNewline_WhenFieldsAreQuoted()
    {
        var rows = Rows("name,description\r\n\"Widget, large\",\"He said \"\"hi\"\"\r\nthen left\"\r\n", RecordTypes.Product);

        var row = Assert.Single(rows);
        Assert.Equal("Widget, large", Field(row, "name"));
        Assert.Equal("He said \"hi\"\r\nthen left", Field(row, "description"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Open_ReadsFirstHeader_WithOrWithoutBom(bool bom)
    {
        var body = Encoding.UTF8.GetBytes("name,sku\nCafé,C-1\n");
        using var reading = Open(bom ? [0xEF, 0xBB, 0xBF, .. body] : body, RecordTypes.Product);

        Assert.Equal("name", reading.Columns!.Columns[0].Field);
        Assert.Equal("Café", Field(reading.Rows().Single(), "name"));
    }

    [Theory]
    [InlineData("name;sku;price\nWidget, large;W-1;9,99\n")]
    [InlineData("name\tsku\tprice\nWidget, large\tW-1\t9,99\n")]
    [InlineData("name,sku,price\n\"Widget, large\",W-1,\"9,99\"\n")]
    public void Rows_SplitOnDetectedDelimiter_WhenSemicolonTabOrComma(string csv)
    {
        var row = Assert.Single(Rows(csv, RecordTypes.Product));

        Assert.Equal("Widget, large", Field(row, "name"));
        Assert.Equal("W-1", Field(row, "sku"));
    }

    [Fact]
    public void Rows_ReadAmountsWithADecimalComma_WhenSemicolonSeparated()
    {
        var rows = Rows("name;sku;price;custom\nA;1;12,5;12,5\nB;2;1.500;1.500\nC;3;1.234,56;x\nD;4;twelve;x\n", RecordTypes.Product);

        Assert.Equal(["12.5", "1500", "1234.56", "twelve"], rows.Select(r => Field(r, "price")));
        Assert.Equal("12,5", rows[0].Fields["custom_fields"]!["custom"]!.GetValue<string>());
        // The error file is comma-separated: its amounts are written as a point-decimal file reads them back.
        Assert.Equal([["A", "1", "12.5", "12,5"], ["B", "2", "1500", "1.500"]], rows.Take(2).Select(r => r.Cells));
    }

    [Theory]
    [InlineData("name,sku,price\nA,1,\"1,500\"\n", "1,500")]
    [InlineData("name\tsku\tprice\nA\t1\t1.500\n", "1.500")]
    public void Rows_LeaveAmountsToThePipeline_WhenTheSeparatorSaysNothingOfTheLocale(string csv, string price) =>
        Assert.Equal(price, Field(Assert.Single(Rows(csv, RecordTypes.Product)), "price"));

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Rows_CountAsASpreadsheetDoes_WithCrlfOrLf(string newline)
    {
        var rows = Rows(string.Join(newline, "name,sku", "A,1", "", "B,2", "\"C\nmultiline\",3") + newline, RecordTypes.Product);

        Assert.Equal([2, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal(["A", "B", "C\nmultiline"], rows.Select(r => Field(r, "name")));
    }

    [Fact]
    public void Rows_OmitEmptyCells_AndTrimValues()
    {
        var row = Assert.Single(Rows("name,sku,price\n  Widget  ,,\n", RecordTypes.Product));

        Assert.Equal("Widget", Field(row, "name"));
        Assert.False(row.Fields.ContainsKey("sku"));
        Assert.False(row.Fields.ContainsKey("price"));
    }

    [Fact]
    public void Rows_ReportRowError_WhenRowHasMoreValuesThanHeaders()
    {
        var rows = Rows("name,sku\nA,1,extra\nB,2,\n", RecordTypes.Product);

        Assert.Equal("Row 2 has 3 values but the header has 2 columns.", rows[0].Error);
        Assert.Null(rows[1].Error);
    }

    [Fact]
    public void Rows_ReportRowError_WhenACellPastTheSniffedStartHoldsNul_AndKeepTheCellsPrintable()
    {
        // A NUL among the first bytes refuses the whole file as binary (FileRefusalTests); later, only its row fails.
        var good = string.Concat(Enumerable.Range(0, 2000).Select(i => $"P{i},S{i}\n"));
        var rows = Rows("name,sku\n" + good + "A\0B,1\nC,2\n", RecordTypes.Product);

        Assert.All(rows[..2000], r => Assert.Null(r.Error));
        Assert.Equal("Row 2002 has a NUL character (byte 0) in column \"name\", which no text can hold; "
            + "the file may be partly binary or saved in another encoding.", rows[2000].Error);
        Assert.Equal(["A\uFFFDB", "1"], rows[2000].Cells);
        Assert.Null(rows[2001].Error);
    }
}
