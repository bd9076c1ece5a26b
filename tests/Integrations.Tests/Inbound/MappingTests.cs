using System.Text.Json.Nodes;
using Integrations.Inbound.Mapping;

namespace Integrations.Tests.Inbound;

public sealed class MappingTests
{
    private static readonly MappingPreset Shopify = MappingPreset.Find("shopify_order")!;

    [Fact]
    public void ShopifyPreset_PreviewsADealWithItsCustomerAsContact()
    {
        var preview = MappingPreview.Run(Shopify.Mapping, Shopify.Sample);

        Assert.Empty(preview.Errors);
        Assert.Equal("#1001", (string?)preview.Record!["name"]);
        Assert.Equal(199.65m, preview.Record["amount"]!.GetValue<decimal>());
        Assert.Equal("closed_won", (string?)preview.Record["stage"]);
        Assert.Equal("IPOD-342-N", (string?)preview.Record["custom_fields"]!["first_sku"]);
        Assert.Equal("820982911946154508", preview.Key);
        var contact = Assert.Single(preview.Links);
        Assert.Equal("contact_id", contact.Field);
        Assert.Equal("jon@example.com", (string?)contact.Record["email"]);
        Assert.Equal("Jon", (string?)contact.Record["first_name"]);
        Assert.Equal("jon@example.com", contact.Key);
    }

    [Fact]
    public void ShopifyPreset_SurvivesItsJsonRoundTrip() =>
        Assert.Equal(Shopify.Mapping.ToJson(), RecordMapping.FromJson(Shopify.Mapping.ToJson()).ToJson());

    [Fact]
    public void Preview_NamesAMissingPathAndATypeMismatch()
    {
        var preview = MappingPreview.Run(Shopify.Mapping, """{"id": 1, "name": "#2", "total_price": "lots", "currency": "USD"}""");

        Assert.Contains(preview.Errors, e => e.Field == "contact_id.email" && e.Message.Contains("$.customer.email", StringComparison.Ordinal));
        Assert.Contains(preview.Errors, e => e.Field == "amount");
    }

    [Fact]
    public void Preview_RefusesBadJson()
    {
        var preview = MappingPreview.Run(Shopify.Mapping, """{"id": 1,""");

        Assert.Equal("sample", Assert.Single(preview.Errors).Field);
    }

    [Fact]
    public void Rules_NameEachProblemByItsPlace()
    {
        var mapping = new RecordMapping
        {
            Object = "contact",
            Fields =
            [
                new FieldRule { Field = "emial", Path = "$.email" },
                new FieldRule { Field = "first_name", Path = "customer.name" },
                new FieldRule { Field = "last_name" },
            ],
            Upsert = new UpsertKey { By = "sku" },
            Links = [new LinkedMapping { Field = "account_id", Mapping = new RecordMapping { Object = "deal", Fields = [new FieldRule { Field = "name", Path = "$.x" }] } }],
        };

        var fields = MappingRules.Check(mapping).Select(e => e.Field).ToList();

        Assert.Equal(
            ["mapping.fields[0].field", "mapping.fields[1].path", "mapping.fields[2].path", "mapping.upsert.by", "mapping.links[0].mapping.object"],
            fields);
    }

    [Fact]
    public void Rules_RequireTheNaturalKeyToBeMapped() =>
        Assert.Contains(MappingRules.Check(new RecordMapping
        {
            Object = "contact",
            Fields = [new FieldRule { Field = "first_name", Path = "$.name" }],
            Upsert = new UpsertKey { By = "email" },
        }), e => e.Field == "mapping.upsert.by");

    [Fact]
    public void Mapper_KeepsNumbersAndDatesAsSent()
    {
        Assert.True(JsonDocumentReader.TryParse("""{"n": 12.50, "d": "2026-01-02T03:04:05Z", "big": 820982911946154508}""", out var document, out _));

        Assert.Equal("12.50", JsonDocumentReader.ToNode(document!.SelectToken("$.n")!)!.ToJsonString());
        Assert.Equal("2026-01-02T03:04:05Z", (string?)JsonDocumentReader.ToNode(document.SelectToken("$.d")!));
        Assert.Equal("820982911946154508", JsonDocumentReader.ToText(document.SelectToken("$.big")));
    }

    [Fact]
    public void Mapper_PutsCustomTargetsInCustomFields()
    {
        var mapping = new RecordMapping
        {
            Object = "contact",
            Fields = [new FieldRule { Field = "email", Path = "$.e" }, new FieldRule { Field = "custom_fields.plan", Value = JsonValue.Create("pro") }],
        };
        Assert.True(JsonDocumentReader.TryParse("""{"e": "a@b.co"}""", out var document, out _));

        var mapped = RecordMapper.Map(mapping, document!);

        Assert.Equal("""{"email":"a@b.co","custom_fields":{"plan":"pro"}}""", mapped.Fields.ToJsonString());
    }

    [Fact]
    public void Rules_NameNullMembersInsteadOfFailing()
    {
        var mapping = RecordMapping.FromJson("""{"object": "contact", "fields": [{"field": null, "path": "$.a"}], "upsert": null, "links": [{"field": "account_id", "mapping": null}]}""");

        Assert.Equal(["mapping.upsert", "mapping.fields[0].field", "mapping.links[0].mapping"],
            MappingRules.Check(mapping).Select(e => e.Field).ToList());
    }

    [Fact]
    public void Rules_RefuseRegexFilters() =>
        Assert.Contains("not supported", JsonDocumentReader.CheckPath("$..[?(@.a =~ /^(a+)+$/)]"), StringComparison.Ordinal);

    [Fact]
    public void Select_ReportsAPathMatchingSeveralValues()
    {
        Assert.True(JsonDocumentReader.TryParse("""{"items": [{"sku": "a"}, {"sku": "b"}]}""", out var document, out _));

        Assert.False(JsonDocumentReader.TrySelect(document!, "$.items[*].sku", out _, out var error));
        Assert.Contains("more than one value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AcceptsNumbersBeyondDecimal()
    {
        Assert.True(JsonDocumentReader.TryParse("""{"huge": 1e300, "email": "a@b.co"}""", out var document, out var error), error);

        Assert.Equal("a@b.co", JsonDocumentReader.ToText(document!.SelectToken("$.email")));
    }

    [Fact]
    public void Parse_RefusesDocumentsNestedTooDeeply() =>
        Assert.False(JsonDocumentReader.TryParse(new string('[', 100) + new string(']', 100), out _, out _));
}
