namespace Integrations.ApiKeys.Scopes;

/// <summary>One permission a key can hold. The catalog is the only list of scopes; the page and the API read it.</summary>
public sealed record ApiKeyScope(string Name, string Description)
{
    public static IReadOnlyList<ApiKeyScope> All { get; } =
    [
        new("crm:read", "Read contacts, accounts and deals."),
        new("crm:write", "Create and update contacts, accounts and deals."),
        new("crm:delete", "Delete contacts, accounts and deals."),
        new("commerce:read", "Read products."),
        new("commerce:write", "Create and update products."),
        new("commerce:delete", "Delete products."),
        new("bulk:write", "Create, update and delete many records in one request."),
        new("webhooks:read", "List webhook subscriptions and their delivery log; inbound sources, connectors and their logs."),
        new("webhooks:write", "Create, change, pause and delete webhook subscriptions, inbound sources and connectors; replay and re-process."),
        new("imports:read", "List imports, their progress and error reports."),
        new("imports:write", "Start and cancel imports."),
        new("events:publish", "Publish custom events to webhook subscribers."),
        new("audit:read", "Read the audit trail."),
        new("keys:manage", "List, create, revoke and delete API keys (never with more scopes than it holds)."),
        new(Platform.Api.Scopes.Admin, "Everything, including every scope above and any added later."),
    ];

    private static readonly HashSet<string> Names = All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string name) => Names.Contains(name);
}
