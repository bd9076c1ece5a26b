using Integrations.Crm.Schema;

namespace Integrations.Imports.Templates;

internal static class ExampleRows
{
    private static readonly Dictionary<string, Dictionary<string, string>> Values = new()
    {
        [RecordTypes.Contact.Name] = new()
        {
            ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["email"] = "ada@example.com",
            ["phone"] = "+44 20 7946 0000", ["job_title"] = "Head of Engineering", ["account_id"] = "",
        },
        [RecordTypes.Account.Name] = new()
        {
            ["name"] = "Acme Ltd", ["domain"] = "acme.example", ["industry"] = "Manufacturing", ["website"] = "https://acme.example",
        },
        [RecordTypes.Deal.Name] = new()
        {
            ["name"] = "Acme renewal 2027", ["amount"] = "12500.00", ["currency"] = "USD", ["stage"] = "proposal",
            ["close_date"] = "2027-03-31", ["account_id"] = "", ["contact_id"] = "",
        },
        [RecordTypes.Product.Name] = new()
        {
            ["name"] = "Widget, large", ["sku"] = "WID-L", ["price"] = "19.99", ["currency"] = "USD",
            ["description"] = "A large widget", ["active"] = "true",
        },
    };

    public static string For(RecordType type, string field) => Values[type.Name].GetValueOrDefault(field, "");
}
