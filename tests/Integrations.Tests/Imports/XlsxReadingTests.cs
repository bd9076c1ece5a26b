using Integrations.Crm.Schema;
using Integrations.Imports;
using MiniExcelLibs;

namespace Integrations.Tests.Imports;

public sealed class XlsxReadingTests
{
    [Fact]
    public void Rows_ReadFirstSheet_WhenWorkbookIsXlsx()
    {
        var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["Product Name"] = "Widget, large", ["Code"] = "W-1", ["Price"] = 19.5, ["Launched"] = new DateTime(2026, 3, 1), ["Colour"] = "red" },
            new Dictionary<string, object?> { ["Product Name"] = "Gadget", ["Code"] = null, ["Price"] = 3, ["Launched"] = null, ["Colour"] = "=1+1" },
        });

        using var reading = ImportFile.Open(new MemoryStream(workbook.ToArray()), RecordTypes.Product, TestContext.Current.CancellationToken);
        var rows = reading.Rows().ToList();

        Assert.Null(reading.Problem);
        Assert.Equal(["name", "sku", "price", null, null], reading.Columns!.Columns.Select(c => c.Field));
        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal("Widget, large", rows[0].Fields["name"]!.GetValue<string>());
        Assert.Equal("19.5", rows[0].Fields["price"]!.GetValue<string>());
        Assert.Equal("2026-03-01", rows[0].Fields["custom_fields"]!["launched"]!.GetValue<string>());
        Assert.False(rows[1].Fields.ContainsKey("sku"));
        Assert.Equal("=1+1", rows[1].Fields["custom_fields"]!["colour"]!.GetValue<string>());
    }

    [Fact]
    public void Open_RefusesTheFile_WhenAHeaderHoldsNul()
    {
        // A workbook can carry NUL (an escaped _x0000_ in its XML) where a CSV's first bytes would be refused as binary.
        var workbook = new MemoryStream();
        workbook.SaveAs(new[] { new Dictionary<string, object?> { ["email"] = "ada@example.com", ["Not\0e"] = "x" } });

        using var reading = ImportFile.Open(new MemoryStream(workbook.ToArray()), RecordTypes.Contact, TestContext.Current.CancellationToken);

        Assert.Equal("nul_in_header", reading.Problem?.Code);
        Assert.Equal("The column header \"Not\uFFFDe\" holds a NUL character (byte 0), which no text can hold.", reading.Problem!.Message);
    }

    [Fact]
    public void Open_RefusesHeaderOnly_WhenSheetHasNoDataRows()
    {
        var workbook = new MemoryStream();
        workbook.SaveAs(new[] { new Dictionary<string, object?> { ["name"] = null } });

        using var reading = ImportFile.Open(new MemoryStream(workbook.ToArray()), RecordTypes.Product, TestContext.Current.CancellationToken);

        Assert.Equal("header_only", reading.Problem?.Code);
    }
}
