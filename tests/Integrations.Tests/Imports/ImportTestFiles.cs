using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports;
using Integrations.Imports.Mapping;

namespace Integrations.Tests.Imports;

internal static class ImportTestFiles
{
    public static ImportReading Open(string text, RecordType type) => Open(Encoding.UTF8.GetBytes(text), type);

    public static ImportReading Open(byte[] bytes, RecordType type) => ImportFile.Open(new MemoryStream(bytes), type);

    public static List<ImportRow> Rows(string text, RecordType type)
    {
        using var reading = Open(text, type);
        Assert.Null(reading.Problem);
        var rows = reading.Rows().ToList();
        Assert.Null(reading.Problem);
        return rows;
    }

    public static string? Field(ImportRow row, string name) => row.Fields[name]?.GetValue<string>();
}
