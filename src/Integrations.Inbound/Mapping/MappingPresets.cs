using System.Text.Json.Nodes;

namespace Integrations.Inbound.Mapping;

/// <summary>A ready-made mapping for a well-known payload, with a sample to preview it on.</summary>
public sealed record MappingPreset(string Name, string Description, RecordMapping Mapping, string Sample)
{
    public static IReadOnlyList<MappingPreset> All { get; } = [ShopifyOrder()];

    public static MappingPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Shopify's <c>orders/create</c> and <c>orders/updated</c>: the order becomes a Deal (updated in place
    /// on later deliveries, by Shopify's order id), its customer the Contact the deal points at (matched by email).</summary>
    private static MappingPreset ShopifyOrder() => new(
        "shopify_order",
        "Shopify order → Deal, with the customer as its Contact",
        new RecordMapping
        {
            Object = "deal",
            Fields =
            [
                new FieldRule { Field = "name", Path = "$.name" },
                new FieldRule { Field = "amount", Path = "$.total_price" },
                new FieldRule { Field = "currency", Path = "$.currency" },
                new FieldRule { Field = "stage", Value = JsonValue.Create("closed_won") },
                new FieldRule { Field = "custom_fields.shopify_order_id", Path = "$.id" },
                new FieldRule { Field = "custom_fields.first_sku", Path = "$.line_items[0].sku", Optional = true },
                new FieldRule { Field = "custom_fields.financial_status", Path = "$.financial_status", Optional = true },
            ],
            Upsert = new UpsertKey { By = UpsertKey.ExternalId, Path = "$.id" },
            Links =
            [
                new LinkedMapping
                {
                    Field = "contact_id",
                    Mapping = new RecordMapping
                    {
                        Object = "contact",
                        Fields =
                        [
                            new FieldRule { Field = "email", Path = "$.customer.email" },
                            new FieldRule { Field = "first_name", Path = "$.customer.first_name", Optional = true },
                            new FieldRule { Field = "last_name", Path = "$.customer.last_name", Optional = true },
                            new FieldRule { Field = "phone", Path = "$.customer.phone", Optional = true },
                        ],
                        Upsert = new UpsertKey { By = "email" },
                    },
                },
            ],
        },
        """
        {
          "id": 820982911946154508,
          "name": "#1001",
          "email": "jon@example.com",
          "created_at": "2026-11-20T10:12:30-05:00",
          "currency": "USD",
          "total_price": "199.65",
          "financial_status": "paid",
          "customer": {
            "id": 115310627314723954,
            "email": "jon@example.com",
            "first_name": "Jon",
            "last_name": "Snow",
            "phone": null
          },
          "line_items": [
            { "id": 866550311766439020, "sku": "IPOD-342-N", "title": "IPod Nano", "quantity": 1, "price": "199.00" }
          ]
        }
        """);
}
