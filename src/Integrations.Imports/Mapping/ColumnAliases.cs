using Integrations.Crm.Schema;

namespace Integrations.Imports.Mapping;

/// <summary>The headers each field answers to, beyond its own name and label (compared after normalization).</summary>
internal static class ColumnAliases
{
    // Declared before Extra, which spreads it: static fields initialise in order.

    /// <summary>
    /// Headers that fill a field only when no other column of the file does: a CRM export often has both a phone and a
    /// mobile column, which are not the same column twice (that is refused); the mobile one then stays a custom field.
    /// </summary>
    private static readonly string[] Fallbacks = ["mobile", "mobile phone", "mobile phone number", "cell", "cell phone"];

    private static readonly Dictionary<string, Dictionary<string, string[]>> Extra = new()
    {
        [RecordTypes.Contact.Name] = new()
        {
            ["email"] = ["e-mail", "email address", "e-mail address", "mail"],
            ["first_name"] = ["firstname", "given name", "forename"],
            ["last_name"] = ["lastname", "surname", "family name"],
            ["phone"] = ["phone number", "telephone", "tel", .. Fallbacks],
            ["job_title"] = ["title", "position", "role"],
            ["account_id"] = ["account id"],
        },
        [RecordTypes.Account.Name] = new()
        {
            ["name"] = ["account name", "company", "company name", "organization", "organisation"],
            ["domain"] = ["website domain", "company domain", "company domain name", "email domain"],
            ["industry"] = ["sector", "vertical"],
            ["website"] = ["url", "web site", "homepage", "website url"],
        },
        [RecordTypes.Deal.Name] = new()
        {
            ["name"] = ["deal name", "deal", "opportunity", "opportunity name", "title"],
            ["amount"] = ["value", "deal value", "deal amount"],
            ["currency"] = ["currency code"],
            ["stage"] = ["deal stage", "pipeline stage", "status"],
            ["close_date"] = ["expected close", "expected close date", "closing date"],
            ["account_id"] = ["account id"],
            ["contact_id"] = ["contact id"],
        },
        [RecordTypes.Product.Name] = new()
        {
            ["name"] = ["product name", "productname", "title"],
            ["sku"] = ["code", "product code", "item code", "item number"],
            ["price"] = ["unit price", "list price"],
            ["currency"] = ["currency code"],
            ["description"] = ["details", "summary"],
            ["active"] = ["enabled", "is active"],
        },
        [RecordTypes.Activity.Name] = new()
        {
            ["kind"] = ["type", "activity type"],
            ["occurred_at"] = ["date", "timestamp", "time", "when"],
            ["body"] = ["text", "content", "notes", "description"],
            ["contact_id"] = ["contact id"],
            ["account_id"] = ["account id"],
            ["deal_id"] = ["deal id"],
        },
    };

    private static readonly HashSet<string> NormalizedFallbacks = Fallbacks.Select(HeaderNormalizer.Normalize).ToHashSet();

    private static readonly Dictionary<string, Dictionary<string, string>> ByNormalizedHeader =
        RecordTypes.All.ToDictionary(t => t.Name, Build);

    /// <summary>The field a header maps to for this type, or null for an unknown (custom) column.</summary>
    public static string? FieldFor(RecordType type, string header) =>
        ByNormalizedHeader[type.Name].GetValueOrDefault(HeaderNormalizer.Normalize(header));

    /// <summary>Whether <paramref name="header"/> gives way to another column for the same field (see <see cref="Fallbacks"/>).</summary>
    public static bool IsFallback(string header) => NormalizedFallbacks.Contains(HeaderNormalizer.Normalize(header));

    /// <summary>Every header a field accepts, its own name first, as a person would type them.</summary>
    public static IReadOnlyList<string> Accepted(RecordType type, RecordField field) =>
        [field.Name, .. Extra[type.Name].GetValueOrDefault(field.Name, [])];

    private static Dictionary<string, string> Build(RecordType type)
    {
        var map = new Dictionary<string, string>();
        foreach (var field in type.Fields)
        {
            map[HeaderNormalizer.Normalize(field.Name)] = field.Name;
            map[HeaderNormalizer.Normalize(field.Label)] = field.Name;
            map[HeaderNormalizer.Normalize(type.Label + field.Label)] = field.Name;
            foreach (var alias in Extra[type.Name].GetValueOrDefault(field.Name, []))
            {
                map[HeaderNormalizer.Normalize(alias)] = field.Name;
            }
        }

        return map;
    }
}
