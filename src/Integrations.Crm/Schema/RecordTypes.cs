using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Crm.Schema;

/// <summary>The CRM objects. The API also answers to plurals and to <c>opportunity</c> for deals.</summary>
public static class RecordTypes
{
    public static readonly RecordType Contact = new("contact", "Contact", "Contacts", IdPrefixes.Contact, "contacts")
    {
        ReadScope = CrmScopes.CrmRead,
        WriteScope = CrmScopes.CrmWrite,
        DeleteScope = CrmScopes.CrmDelete,
        Fields =
        [
            new("first_name", "First name", FieldKind.Text) { MaxLength = 100 },
            new("last_name", "Last name", FieldKind.Text) { MaxLength = 100 },
            new("email", "Email", FieldKind.Email) { MaxLength = 254 },
            new("phone", "Phone", FieldKind.Phone) { MaxLength = 40 },
            new("job_title", "Job title", FieldKind.Text) { MaxLength = 150 },
            new("account_id", "Account", FieldKind.Reference) { RefersTo = "account" },
        ],
        NaturalKey = "email",
        RequireOneOf = ["email", "first_name", "last_name"],
        ObjectEvents = [EventCatalog.ContactCreated, EventCatalog.ContactUpdated],
    };

    public static readonly RecordType Account = new("account", "Account", "Accounts", IdPrefixes.Account, "accounts")
    {
        ReadScope = CrmScopes.CrmRead,
        WriteScope = CrmScopes.CrmWrite,
        DeleteScope = CrmScopes.CrmDelete,
        Fields =
        [
            new("name", "Name", FieldKind.Text) { MaxLength = 200, Required = true },
            new("domain", "Domain", FieldKind.Domain) { MaxLength = 253 },
            new("industry", "Industry", FieldKind.Text) { MaxLength = 100 },
            new("website", "Website", FieldKind.Url) { MaxLength = 2048 },
        ],
        NaturalKey = "domain",
        ObjectEvents = [EventCatalog.AccountCreated, EventCatalog.AccountUpdated],
    };

    public static readonly RecordType Deal = new("deal", "Deal", "Deals", IdPrefixes.Deal, "deals")
    {
        ReadScope = CrmScopes.CrmRead,
        WriteScope = CrmScopes.CrmWrite,
        DeleteScope = CrmScopes.CrmDelete,
        Fields =
        [
            new("name", "Name", FieldKind.Text) { MaxLength = 200, Required = true },
            new("amount", "Amount", FieldKind.Money),
            new("currency", "Currency", FieldKind.Currency) { Default = "USD" },
            new("stage", "Stage", FieldKind.Choice) { Choices = DealStages.All, Default = "prospecting", Required = true },
            new("close_date", "Close date", FieldKind.Date),
            new("account_id", "Account", FieldKind.Reference) { RefersTo = "account" },
            new("contact_id", "Contact", FieldKind.Reference) { RefersTo = "contact" },
        ],
        ObjectEvents = [EventCatalog.DealCreated],
    };

    public static readonly RecordType Product = new("product", "Product", "Products", IdPrefixes.Product, "products")
    {
        ReadScope = CrmScopes.CommerceRead,
        WriteScope = CrmScopes.CommerceWrite,
        DeleteScope = CrmScopes.CommerceDelete,
        Fields =
        [
            new("name", "Name", FieldKind.Text) { MaxLength = 200, Required = true },
            new("sku", "SKU", FieldKind.Text) { MaxLength = 64 },
            new("price", "Price", FieldKind.Money),
            new("currency", "Currency", FieldKind.Currency) { Default = "USD" },
            new("description", "Description", FieldKind.Text) { MaxLength = 4000 },
            new("active", "Active", FieldKind.Boolean) { Default = true, Required = true },
        ],
        NaturalKey = "sku",
        ObjectEvents = [EventCatalog.ProductCreated, EventCatalog.ProductUpdated],
    };

    public static readonly RecordType Activity = new("activity", "Activity", "Activities", IdPrefixes.Activity, "activities")
    {
        ReadScope = CrmScopes.CrmRead,
        WriteScope = CrmScopes.CrmWrite,
        DeleteScope = CrmScopes.CrmDelete,
        Fields =
        [
            new("kind", "Kind", FieldKind.Choice) { Choices = ActivityKinds.All, Required = true },
            new("subject", "Subject", FieldKind.Text) { MaxLength = 998 },
            new("occurred_at", "Occurred at", FieldKind.DateTime) { Required = true },
            new("direction", "Direction", FieldKind.Choice) { Choices = ActivityKinds.Directions },
            new("channel", "Channel", FieldKind.Text) { MaxLength = 50 },
            new("body", "Body", FieldKind.Text) { MaxLength = ActivityKinds.MaxBodyLength },
            new("connection_id", "Connection", FieldKind.Text) { MaxLength = 64 },
            new("external_id", "External id", FieldKind.Text) { MaxLength = 512 },
            new("thread_id", "Thread id", FieldKind.Text) { MaxLength = 512 },
            new("participants", "Participants", FieldKind.Participants),
            new("contact_id", "Contact", FieldKind.Reference) { RefersTo = "contact" },
            new("account_id", "Account", FieldKind.Reference) { RefersTo = "account" },
            new("deal_id", "Deal", FieldKind.Reference) { RefersTo = "deal" },
        ],
        UniqueTogether = ["connection_id", "external_id"],
        ObjectEvents = [EventCatalog.ActivityCreated, EventCatalog.ActivityUpdated],
    };

    public static readonly IReadOnlyList<RecordType> All = [Contact, Account, Deal, Product, Activity];

    private static readonly Dictionary<string, RecordType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["contact"] = Contact, ["contacts"] = Contact,
        ["account"] = Account, ["accounts"] = Account,
        ["deal"] = Deal, ["deals"] = Deal, ["opportunity"] = Deal, ["opportunities"] = Deal,
        ["product"] = Product, ["products"] = Product,
        ["activity"] = Activity, ["activities"] = Activity,
    };

    public static RecordType? Find(string name) => ByName.GetValueOrDefault(name);

    public static RecordType Get(string name) => Find(name) ?? throw new ArgumentException($"Unknown record type '{name}'.", nameof(name));
}
