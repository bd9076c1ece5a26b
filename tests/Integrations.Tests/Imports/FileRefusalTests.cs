using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports;
using static Integrations.Tests.Imports.ImportTestFiles;

namespace Integrations.Tests.Imports;

public sealed class FileRefusalTests
{
    [Fact]
    public void Open_RefusesBinary_WhenFileIsAnImage()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        AssertRefused(Open(png, RecordTypes.Product), "binary",
            "The file is not a CSV or Excel file (it contains binary data). Upload a .csv or .xlsx file.", null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r\n \r\n")]
    public void Open_RefusesEmpty_WhenFileHasNoContent(string text) =>
        AssertRefused(Open(text, RecordTypes.Product), "empty", "The file is empty.", null);

    [Fact]
    public void Open_RefusesEmpty_WhenFileIsOnlyABom() =>
        AssertRefused(Open([0xEF, 0xBB, 0xBF], RecordTypes.Product), "empty", "The file is empty.", null);

    [Fact]
    public void Open_RefusesHeaderOnly_WhenNoDataRows() =>
        AssertRefused(Open("name,sku\r\n\r\n", RecordTypes.Product), "header_only", "The file has a header row but no data rows.", 1);

    [Fact]
    public void Open_RefusesDuplicateColumns_WhenHeadersNormalizeToSameField() =>
        AssertRefused(Open("Email,E-mail\na@example.com,b@example.com\n", RecordTypes.Contact), "duplicate_column",
            "The columns \"Email\" and \"E-mail\" are the same column (email). Keep one of them.", 1);

    [Fact]
    public void Open_RefusesDuplicateColumns_WhenCustomHeadersNormalizeAlike() =>
        AssertRefused(Open("name,Lead Source,lead_source\nA,x,y\n", RecordTypes.Product), "duplicate_column",
            "The columns \"Lead Source\" and \"lead_source\" are the same column (custom_fields.lead_source). Keep one of them.", 1);

    [Fact]
    public void Open_RefusesMissingColumn_WhenProductHasNoName() =>
        AssertRefused(Open("sku,price\nW-1,9.99\n", RecordTypes.Product), "missing_column",
            "The file has no name column, which every product needs. Add a column headed \"name\" or \"product name\" or \"productname\" or \"title\".", 1);

    [Fact]
    public void Open_RefusesMissingColumn_WhenContactHasNoEmailOrName() =>
        AssertRefused(Open("phone,job title\n123,CEO\n", RecordTypes.Contact), "missing_column",
            "The file needs at least one of the columns \"email\", \"first_name\", \"last_name\" for each contact.", 1);

    [Fact]
    public void Open_AcceptsContact_WhenOnlyLastNameColumnIsPresent()
    {
        using var reading = Open("Surname\nLovelace\n", RecordTypes.Contact);

        Assert.Null(reading.Problem);
    }

    [Fact]
    public void Check_RefusesUnclosedQuote_WithItsRowNumber() =>
        AssertCheckRefused("name,sku\nA,1\nB,2\n\"abc,3\n", "unclosed_quote", "Row 4 has a quote (\") that is never closed.", 4);

    [Theory]
    [InlineData("\"")]
    [InlineData("")]
    public void Check_RefusesARowLongerThanAnyFieldCouldBe_InWordsAPersonUnderstands(string row)
    {
        // An unclosed quote swallowing a large file, or one enormous cell: either way the row passes the reader's limit.
        var csv = "name,sku\nA,1\n" + row + string.Concat(Enumerable.Repeat("Widget,W-1", 200_000)) + "\n";

        AssertCheckRefused(csv, "row_too_long", "Row 3 runs past 1,000,000 bytes: a quote (\") in it is probably never closed, "
            + "or the file is not a CSV export (no field holds more than 4,000 characters).", 3);
    }

    [Theory]
    [InlineData("name,sku,description\nWidget,1,\"Best seller\nGadget,2,Small\nGizmo,3,\"Big\" one\n")]
    [InlineData("name,sku,description\nO\"Neil,1,\"open\nGadget,2,Small\n")]
    public void Check_RefusesAQuoteLeftOpen_WhenALaterQuoteClosesItRowsLater(string csv) =>
        AssertCheckRefused(csv, "unclosed_quote", "Row 2 has a quote (\") that is never closed.", 2);

    [Fact]
    public void Rows_KeepAQuoteInsideAnUnquotedValue_AsText()
    {
        var rows = Rows("name,sku,description\nO\"Neil,1,5\" tall\n\"Quoted\" tail,2,x\n", RecordTypes.Product);

        Assert.Equal(["O\"Neil", "Quoted tail"], rows.Select(r => Field(r, "name")));
        Assert.Equal("5\" tall", Field(rows[0], "description"));
    }

    [Fact]
    public void Open_RefusesUnclosedQuote_WhenInFirstDataRow() =>
        AssertRefused(Open("name,sku\n\"abc,1\n", RecordTypes.Product), "unclosed_quote", "Row 2 has a quote (\") that is never closed.", 2);

    [Fact]
    public void Check_RefusesOtherEncoding_WhenLatin1BytesAppear()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("name,sku\nA,1\nCaf"), 0xE9, .. Encoding.ASCII.GetBytes(",2\n")];

        var check = ImportFile.Check(new MemoryStream(bytes), RecordTypes.Product, TestContext.Current.CancellationToken);

        Assert.Equal(("encoding", 3), (check.Problem?.Code, check.Problem?.RowNumber));
        Assert.Equal("Row 3 is not valid UTF-8 text. Save the file as \"CSV UTF-8\" and upload it again.", check.Problem!.Message);
    }

    [Fact]
    public void Open_RefusesUtf16_WhenFileHasUtf16Bom() =>
        AssertRefused(Open([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("name\nA\n")], RecordTypes.Product), "encoding",
            "The file is UTF-16 text. Save the file as \"CSV UTF-8\" and upload it again.", null);

    [Fact]
    public void Open_RefusesOldExcel_WhenFileIsAnXlsWorkbook() =>
        AssertRefused(Open([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], RecordTypes.Product), "old_excel",
            "Old .xls workbooks are not supported. Save the file as .xlsx or CSV and upload it again.", null);

    [Fact]
    public void Open_RefusesUnreadableWorkbook_WhenAZipIsNoWorkbook() =>
        AssertRefused(Open([0x50, 0x4B, 0x03, 0x04, .. Encoding.ASCII.GetBytes("not really a zip")], RecordTypes.Product),
            "unreadable_workbook", "The file could not be read as an Excel workbook. Save it again as .xlsx or CSV.", null);

    [Fact]
    public void Check_CountsRows_WhenFileIsClean()
    {
        var check = ImportFile.Check(new MemoryStream(Encoding.UTF8.GetBytes("name\nA\nB\n\nC\n")), RecordTypes.Product, TestContext.Current.CancellationToken);

        Assert.True(check.IsReadable);
        Assert.Equal(3, check.DataRows);
    }

    private static void AssertRefused(ImportReading reading, string code, string message, int? row)
    {
        using (reading)
        {
            Assert.Null(reading.Columns);
            Assert.Equal((code, message, row), (reading.Problem?.Code, reading.Problem?.Message, reading.Problem?.RowNumber));
            Assert.Empty(reading.Rows());
        }
    }

    private static void AssertCheckRefused(string csv, string code, string message, int row)
    {
        var check = ImportFile.Check(new MemoryStream(Encoding.UTF8.GetBytes(csv)), RecordTypes.Product, TestContext.Current.CancellationToken);

        Assert.Equal((code, message, row), (check.Problem?.Code, check.Problem?.Message, check.Problem?.RowNumber));
    }
}
