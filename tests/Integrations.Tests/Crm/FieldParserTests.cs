using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Tests.Crm;

public sealed class FieldParserTests
{
    [Theory]
    [InlineData("Ada@Example.COM", "ada@example.com")]
    [InlineData(" bob.smith+crm@mail.example.org ", "bob.smith+crm@mail.example.org")]
    public void Email_IsLowerCased_WhenValid(string input, string stored) =>
        Assert.Equal(stored, Parse(RecordTypes.Contact, "email", input));

    [Theory]
    [InlineData("bob@")]
    [InlineData("bob")]
    [InlineData("bob@localhost")]
    [InlineData("a b@example.com")]
    public void Email_FailsWithFieldNamedMessage_WhenInvalid(string input) =>
        Assert.Equal($"email '{input}' is not a valid email address.", Error(RecordTypes.Contact, "email", input));

    [Theory]
    [InlineData("https://www.Acme.com/about", "acme.com")]
    [InlineData("sub.acme.co.uk", "sub.acme.co.uk")]
    public void Domain_IsNormalized_ToHost(string input, string stored) =>
        Assert.Equal(stored, Parse(RecordTypes.Account, "domain", input));

    [Theory]
    [InlineData("Closed Won", "closed_won")]
    [InlineData("closed-won", "closed_won")]
    [InlineData("NEEDS_ANALYSIS", "needs_analysis")]
    public void Stage_AcceptsLabelsAndValues(string input, string stored) =>
        Assert.Equal(stored, Parse(RecordTypes.Deal, "stage", input));

    [Fact]
    public void Stage_ListsKnownStages_WhenUnknown() =>
        Assert.Contains("Prospecting", Error(RecordTypes.Deal, "stage", "Won-ish"), StringComparison.Ordinal);

    [Theory]
    [InlineData("12.50", 12.50)]
    [InlineData("12,5", 12.5)]
    [InlineData("1,500", 1500)]
    [InlineData("1.234,56", 1234.56)]
    [InlineData("1e3", 1000)]
    [InlineData("0", 0)]
    public void Money_ParsesNumbersAndText(string input, double stored) =>
        Assert.Equal((decimal)stored, Parse(RecordTypes.Deal, "amount", input));

    [Theory]
    [InlineData("12,34,56")]
    [InlineData("1.2.3,4,5")]
    public void Money_Fails_WhenGroupingFitsNoConvention(string input) =>
        Assert.Equal($"amount '{input}' is not a number.", Error(RecordTypes.Deal, "amount", input));

    [Fact]
    public void Money_FailsWhenNegative() =>
        Assert.Equal("amount must not be negative (got -5).", Error(RecordTypes.Deal, "amount", "-5"));

    [Fact]
    public void Money_AcceptsJsonNumbers()
    {
        Assert.True(FieldParser.TryParse(RecordTypes.Product.Field("price")!, JsonValue.Create(19.99m), out var value, out _));
        Assert.Equal(19.99m, value);
    }

    [Theory]
    [InlineData("usd", "USD")]
    [InlineData("EUR", "EUR")]
    public void Currency_IsUpperCased_WhenKnown(string input, string stored) =>
        Assert.Equal(stored, Parse(RecordTypes.Deal, "currency", input));

    [Fact]
    public void Currency_Fails_WhenNotIso4217() =>
        Assert.Contains("is not an ISO 4217 currency", Error(RecordTypes.Deal, "currency", "XQQ"), StringComparison.Ordinal);

    [Theory]
    [InlineData("2026-05-15", "2026-05-15")]
    [InlineData("2026-05-15T23:30:00Z", "2026-05-15")]
    public void Date_ParsesIsoDates(string input, string stored) =>
        Assert.Equal(DateOnly.Parse(stored, System.Globalization.CultureInfo.InvariantCulture), Parse(RecordTypes.Deal, "close_date", input));

    [Fact]
    public void Date_Fails_WhenAmbiguous() =>
        Assert.Contains("is not a date like 2026-05-15", Error(RecordTypes.Deal, "close_date", "05/06/2026"), StringComparison.Ordinal);

    [Fact]
    public void Reference_RequiresTheTargetsPrefix()
    {
        var id = Guid.CreateVersion7();
        Assert.Equal(id, Parse(RecordTypes.Contact, "account_id", PublicId.Format("acc", id)));
        Assert.Contains("is not an account id", Error(RecordTypes.Contact, "account_id", PublicId.Format("con", id)), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_FailsWhenLongerThanItsColumn() =>
        Assert.Equal("first_name is 101 characters long; the most is 100.", Error(RecordTypes.Contact, "first_name", new string('x', 101)));

    [Fact]
    public void EmptyText_ClearsTheField() => Assert.Null(Parse(RecordTypes.Contact, "phone", "   "));

    [Fact]
    public void Objects_AreRefused()
    {
        Assert.False(FieldParser.TryParse(RecordTypes.Contact.Field("email")!, new JsonObject(), out _, out var error));
        Assert.Equal("email must be a single value, not an object or a list.", error);
    }

    private static object? Parse(RecordType type, string field, string input)
    {
        Assert.True(FieldParser.TryParse(type.Field(field)!, JsonValue.Create(input), out var value, out var error), error);
        return value;
    }

    private static string Error(RecordType type, string field, string input)
    {
        Assert.False(FieldParser.TryParse(type.Field(field)!, JsonValue.Create(input), out _, out var error));
        return error!;
    }
}
