namespace Integrations.ApiKeys.Scopes;

/// <summary>A named set of scopes the "Generate API Key" drawer can tick in one click.</summary>
public sealed record ScopePreset(string Name, IReadOnlyList<string> Scopes)
{
    public static IReadOnlyList<ScopePreset> All { get; } =
    [
        new("Read", ["crm:read", "commerce:read", "webhooks:read", "imports:read", "audit:read"]),
        new("Read/Write",
            ["crm:read", "crm:write", "commerce:read", "commerce:write", "webhooks:read", "webhooks:write",
             "imports:read", "imports:write", "events:publish"]),
        new("Read/Write/Delete",
            ["crm:read", "crm:write", "crm:delete", "commerce:read", "commerce:write", "commerce:delete",
             "webhooks:read", "webhooks:write", "imports:read", "imports:write", "events:publish"]),
        new("Bulk", ["crm:read", "crm:write", "commerce:read", "commerce:write", "bulk:write", "imports:read", "imports:write"]),
        new("Admin", [Platform.Api.Scopes.Admin]),
    ];
}
