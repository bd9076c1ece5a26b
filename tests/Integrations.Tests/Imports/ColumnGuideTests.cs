using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports;
using Integrations.Imports.Templates;

namespace Integrations.Tests.Imports;

public sealed class ColumnGuideTests
{
    [Fact]
    public void Guide_MarksNameRequired_AndListsAliases_ForProducts()
    {
        var guide = ColumnGuide.For(RecordTypes.Product);

        var name = guide.Columns.Single(c => c.Name == "name");
        Assert.True(name.Required);
        Assert.Contains("product name", name.AcceptedHeaders);
        Assert.False(guide.Columns.Single(c => c.Name == "active").Required);
    }

    [Fact]
    public void Guide_NotesRequireOneOf_ForContacts() =>
        Assert.Equal("Each row needs at least one of: email, first_name, last_name.", ColumnGuide.For(RecordTypes.Contact).RequireOneOfNote);

    [Theory]
    [InlineData("contact")]
    [InlineData("account")]
    [InlineData("deal")]
    [InlineData("product")]
    public void TemplateCsv_ImportsCleanly_ForEachObject(string type)
    {
        var recordType = RecordTypes.Get(type);
        var csv = ColumnGuide.For(recordType).TemplateCsv();

        var check = ImportFile.Check(new MemoryStream(Encoding.UTF8.GetBytes(csv)), recordType, TestContext.Current.CancellationToken);

        Assert.Null(check.Problem);
        Assert.Equal(1, check.DataRows);
        Assert.Empty(check.Columns!.CustomColumns);
    }
}
