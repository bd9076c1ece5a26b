using Integrations.Platform.Api;

namespace Integrations.Crm;

/// <summary>The scopes that guard records: CRM objects, products, and the bulk endpoints.</summary>
public static class CrmScopes
{
    public const string CrmRead = "crm:read";
    public const string CrmWrite = "crm:write";
    public const string CrmDelete = "crm:delete";
    public const string CommerceRead = "commerce:read";
    public const string CommerceWrite = "commerce:write";
    public const string CommerceDelete = "commerce:delete";
    public const string BulkWrite = "bulk:write";

    internal static readonly ApiScope[] All =
    [
        new(CrmRead, "Read contacts, accounts and deals."),
        new(CrmWrite, "Create and update contacts, accounts and deals."),
        new(CrmDelete, "Delete contacts, accounts and deals."),
        new(CommerceRead, "Read products."),
        new(CommerceWrite, "Create and update products."),
        new(CommerceDelete, "Delete products."),
        new(BulkWrite, "Create, update and delete many records in one request."),
    ];
}
