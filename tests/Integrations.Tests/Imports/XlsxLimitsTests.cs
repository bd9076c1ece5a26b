using Integrations.Crm.Schema;
using Integrations.Imports;
using MiniExcelLibs;
using static Integrations.Tests.Imports.ImportTestFiles;

namespace Integrations.Tests.Imports;

/// <summary>Hostile and pathological workbooks: each is refused (or read) in bounded memory, before a row is stored.</summary>
public sealed class XlsxLimitsTests
{
    // 64 million characters: 128 MB as a string, 64 KB in the file.
    private const long HugeCell = 64L * 1024 * 1024;
    private const long AllocationBound = 16_000_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Check_RefusesTheCellByName_WhenAnInlineStringIsHuge()
    {
        var workbook = RawWorkbook.Build(w =>
        {
            w.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>");
            w.Write("<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Widget</t></is></c></row>");
            w.Write("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>Gadget</t></is></c><c r=\"B3\" t=\"inlineStr\"><is><t>");
            RawWorkbook.Repeat(w, 'A', HugeCell);
            w.Write("</t></is></c></row>");
        });

        var (check, allocated) = CheckMeasured(workbook);

        Assert.Equal(("cell_too_long", 3), (check.Problem?.Code, check.Problem?.RowNumber));
        Assert.Equal("Cell B3 (row 3) holds more than 32,767 characters, more than an Excel cell can hold. Shorten it and upload the file again.",
            check.Problem!.Message);
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Check_RefusesTheCellByName_WhenASharedStringIsHuge()
    {
        var workbook = RawWorkbook.Build(
            w => w.Write("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"),
            w =>
            {
                w.Write("<si><t>name</t></si><si><r><t>Wid</t></r><r><t>");
                RawWorkbook.Repeat(w, 'A', HugeCell);
                w.Write("</t></r></si><si><t>after</t></si>");
            });

        var (check, allocated) = CheckMeasured(workbook);

        Assert.Equal(("cell_too_long", 2), (check.Problem?.Code, check.Problem?.RowNumber));
        Assert.StartsWith("Cell A2 (row 2) holds more than 32,767 characters", check.Problem!.Message, StringComparison.Ordinal);
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Check_RefusesTheFile_WhenATagRunsOnForMegabytes()
    {
        var workbook = RawWorkbook.Build(w =>
        {
            w.Write("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row><row r=\"2\" spans=\"");
            RawWorkbook.Repeat(w, '1', HugeCell);
            w.Write("\"/>");
        });

        var (check, allocated) = CheckMeasured(workbook);

        Assert.Equal("The file could not be read as an Excel workbook: part of it runs on for more than 1 MB without markup, "
            + "which no spreadsheet program writes. Save it again as .xlsx or CSV.", check.Problem?.Message);
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Check_RefusesTooManyColumns_WhenAValueSitsInTheLastCellOfTheSheet()
    {
        var workbook = RawWorkbook.Build(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Widget</t></is></c></row>"
            + "<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>",
            dimension: "<dimension ref=\"A1:XFD1048576\"/>");

        var check = ImportFile.Check(new MemoryStream(workbook), RecordTypes.Product, Ct);

        Assert.Equal(("too_many_columns", 1_048_576), (check.Problem?.Code, check.Problem?.RowNumber));
        Assert.Equal("Row 1048576 has a value in cell XFD1048576, past column ALL: an import reads at most 1,000 columns. "
            + "Delete the columns after ALL and upload the file again.", check.Problem!.Message);
    }

    [Fact]
    public void Check_ReadsOnlyTheCellsThere_WhenDimensionAndAnEmptyCellSpanTheWholeSheet()
    {
        var workbook = RawWorkbook.Build(
            "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>name</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Widget</t></is></c></row>"
            + "<row r=\"1048576\"><c r=\"XFD1048576\" s=\"1\"/></row>",
            dimension: "<dimension ref=\"A1:XFD1048576\"/>");

        var (check, allocated) = CheckMeasured(workbook);

        Assert.Equal((null, 1L), (check.Problem, check.DataRows));
        Assert.True(allocated < AllocationBound, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Check_RefusesTooManyColumns_WhenTheHeaderIsWiderThanAThousandColumns()
    {
        var header = Enumerable.Range(1, 1_001).ToDictionary(i => i == 1 ? "name" : $"extra {i}", object? (i) => "x");
        var workbook = new MemoryStream();
        workbook.SaveAs(new[] { header });

        var check = ImportFile.Check(new MemoryStream(workbook.ToArray()), RecordTypes.Product, Ct);

        Assert.Equal(("too_many_columns", 1), (check.Problem?.Code, check.Problem?.RowNumber));
        Assert.StartsWith("Row 1 has a value in cell ALM1, past column ALL", check.Problem!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RefusesTheRow_WhenItsCellsTogetherHoldMoreThanAMillionCharacters()
    {
        var cell = $"<c t=\"inlineStr\"><is><t>{new string('x', 30_000)}</t></is></c>";
        var workbook = RawWorkbook.Build(
            "<row r=\"1\"><c t=\"inlineStr\"><is><t>name</t></is></c></row><row r=\"2\">" + string.Concat(Enumerable.Repeat(cell, 40)) + "</row>");

        var check = ImportFile.Check(new MemoryStream(workbook), RecordTypes.Product, Ct);

        Assert.Equal(("row_too_long", 2), (check.Problem?.Code, check.Problem?.RowNumber));
        Assert.Equal("Row 2 holds more than 1,000,000 characters in all, more than an import reads in one row.", check.Problem!.Message);
    }

    [Fact]
    public void Check_Stops_WhenCancelled()
    {
        var workbook = RawWorkbook.Build("<row r=\"1\"><c t=\"inlineStr\"><is><t>name</t></is></c></row><row r=\"2\"><c><v>1</v></c></row>");

        Assert.Throws<OperationCanceledException>(() =>
            ImportFile.Check(new MemoryStream(workbook), RecordTypes.Product, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Open_SaysOnlyTheFirstSheetIsImported_WhenItIsEmpty()
    {
        using var reading = Open(RawWorkbook.Build("<row r=\"1\"><c r=\"A1\" s=\"2\"/></row>"), RecordTypes.Product);

        Assert.Equal(("empty_sheet", "The first sheet of the workbook is empty. Only the first sheet is imported: put the rows there, "
            + "the column headers in row 1."), (reading.Problem?.Code, reading.Problem?.Message));
    }

    [Fact]
    public void Open_RefusesABlankHeader_WhenTheSheetStartsBelowRow1()
    {
        using var reading = Open(RawWorkbook.Build("<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>name</t></is></c></row>"),
            RecordTypes.Product);

        Assert.Equal(("blank_header", 1), (reading.Problem?.Code, reading.Problem?.RowNumber));
    }

    [Fact]
    public void Rows_ReplaceALoneSurrogate_WhenACellEscapesOne()
    {
        var workbook = RawWorkbook.Build(
            "<row r=\"1\"><c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\"><is><t>note</t></is></c></row>"
            + "<row r=\"2\"><c t=\"inlineStr\"><is><t>Bad_xD800_one</t></is></c><c t=\"inlineStr\"><is><t>_xD83D__xDE00_ _x005F_x0041_</t></is></c></row>");
        using var reading = Open(workbook, RecordTypes.Product);

        var row = Assert.Single(reading.Rows());

        Assert.Equal("Bad\uFFFDone", Field(row, "name"));
        Assert.Equal("\U0001F600 _x0041_", row.Fields["custom_fields"]!["note"]!.GetValue<string>());
        Assert.Null(row.Error);
    }

    [Fact]
    public void Rows_ReadTypedCells_WhenWorkbookStoresNumbersBooleansAndFormats()
    {
        var workbook = RawWorkbook.Build(
            "<row r=\"1\"><c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\"><is><t>n</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c>"
            + "<c t=\"inlineStr\"><is><t>f</t></is></c></row>"
            + "<row r=\"2\"><c t=\"str\"><f>A1</f><v>Widget</v></c><c><v>1.50</v></c><c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c></row>");
        using var reading = Open(workbook, RecordTypes.Product);

        var custom = Assert.Single(reading.Rows()).Fields["custom_fields"]!;

        Assert.Equal(("1.5", "true", "#N/A"), (custom["n"]!.GetValue<string>(), custom["b"]!.GetValue<string>(), custom["f"]!.GetValue<string>()));
    }

    private static (ImportCheck Check, long Allocated) CheckMeasured(byte[] workbook)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var check = ImportFile.Check(new MemoryStream(workbook), RecordTypes.Product, Ct);
        return (check, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
