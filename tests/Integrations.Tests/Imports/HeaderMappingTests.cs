using Integrations.Crm.Schema;
using static Integrations.Tests.Imports.ImportTestFiles;

namespace Integrations.Tests.Imports;

public sealed class HeaderMappingTests
{
    [Theory]
    [InlineData("product", "Product Name", "name")]
    [InlineData("product", "productname", "name")]
    [InlineData("product", "TITLE", "name")]
    [InlineData("product", "Product Code", "sku")]
    [InlineData("product", "code", "sku")]
    [InlineData("product", "S.K.U.", "sku")]
    [InlineData("contact", "E-mail", "email")]
    [InlineData("contact", "Email Address", "email")]
    [InlineData("contact", "first_name", "first_name")]
    [InlineData("contact", "Given Name", "first_name")]
    [InlineData("contact", "Surname", "last_name")]
    [InlineData("contact", "family name", "last_name")]
    [InlineData("contact", "Mobile", "phone")]
    [InlineData("contact", "Phone Number", "phone")]
    [InlineData("contact", "Title", "job_title")]
    [InlineData("contact", "position", "job_title")]
    [InlineData("account", "Company Domain", "domain")]
    [InlineData("account", "website_domain", "domain")]
    [InlineData("account", "Company", "name")]
    [InlineData("deal", "Deal Value", "amount")]
    [InlineData("deal", "value", "amount")]
    [InlineData("deal", "Deal Stage", "stage")]
    [InlineData("deal", "Expected Close", "close_date")]
    [InlineData("deal", "close-date", "close_date")]
    public void Columns_MapHeaderToField_WhenHeaderIsAnAlias(string type, string header, string field)
    {
        var recordType = RecordTypes.Get(type);
        var required = recordType.Fields.Where(f => f.Required && f.Default is null).Select(f => f.Name)
            .Concat(recordType.RequireOneOf.Take(1)).Where(n => n != field);
        using var reading = Open($"\"{header}\",{string.Join(',', required)}\nx,{string.Join(',', required.Select(_ => "y"))}\n", recordType);

        Assert.Null(reading.Problem);
        Assert.Equal(field, reading.Columns!.Columns[0].Field);
    }

    [Fact]
    public void Rows_PutUnknownColumnsInCustomFields_AndMappingListsThem()
    {
        using var reading = Open("Email,Lead Source,Favourite colour\nada@example.com,Webinar,\n", RecordTypes.Contact);

        Assert.Equal(["lead_source", "favourite_colour"], reading.Columns!.CustomColumns.Select(c => c.CustomField));
        var row = Assert.Single(reading.Rows());
        Assert.Equal("Webinar", row.Fields["custom_fields"]!["lead_source"]!.GetValue<string>());
        Assert.False(row.Fields["custom_fields"]!.AsObject().ContainsKey("favourite_colour"));
    }

    [Theory]
    [InlineData("Phone Number,Mobile", "020", "mobile", "077")]
    [InlineData("Mobile Phone Number,Phone", "077", "mobile_phone_number", "020")]
    public void Columns_KeepAMobileColumnAsACustomField_WhenAnotherColumnIsThePhone(string headers, string phone, string custom, string mobile)
    {
        var row = Assert.Single(Rows($"Email,{headers}\nada@example.com,020,077\n", RecordTypes.Contact));

        Assert.Equal((phone, mobile), (Field(row, "phone"), row.Fields["custom_fields"]![custom]!.GetValue<string>()));
    }

    [Fact]
    public void Columns_RefuseTheFile_WhenTwoHeadersNameTheSameFieldOutright()
    {
        using var reading = Open("Email,E-mail\nada@example.com,ada@example.com\n", RecordTypes.Contact);

        Assert.Equal("The columns \"Email\" and \"E-mail\" are the same column (email). Keep one of them.", reading.Problem?.Message);
    }

    [Fact]
    public void Rows_HaveNoCustomFields_WhenEveryColumnIsKnown()
    {
        var row = Assert.Single(Rows("name,domain\nAcme,acme.example\n", RecordTypes.Account));

        Assert.False(row.Fields.ContainsKey("custom_fields"));
        Assert.Equal("acme.example", Field(row, "domain"));
    }

    [Fact]
    public void Columns_IgnoreColumn_WhenHeaderIsBlank()
    {
        using var reading = Open("name,,sku,--\nWidget,,W-1,\n", RecordTypes.Product);

        Assert.True(reading.Columns!.Columns[1].IsIgnored);
        var row = reading.Rows().Single();
        Assert.Equal(["name", "sku"], row.Fields.Select(f => f.Key));
        Assert.Null(row.Error);
    }

    [Fact]
    public void Rows_FailWithTheColumnsLetter_WhenAColumnWithoutAHeaderHoldsAValue()
    {
        var rows = Rows("name,sku,--\nWidget,W-1,\nGadget,G-1,stray\n", RecordTypes.Product);

        Assert.Equal([null, "Row 3 has a value in column C, which has no header. Give the column a header (it then becomes a custom "
            + "field) or clear it."], rows.Select(r => r.Error));
    }
}
