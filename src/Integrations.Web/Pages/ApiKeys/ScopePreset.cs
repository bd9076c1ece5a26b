using Integrations.Apps;
using Integrations.Crm;
using Integrations.Imports;
using Integrations.Inbound;
using Integrations.Platform.Api;
using Integrations.Webhooks;

namespace Integrations.Web.Pages.ApiKeys;

/// <summary>A named set of scopes the "Generate API Key" drawer can tick in one click.</summary>
public sealed record ScopePreset(string Name, IReadOnlyList<string> Scopes)
{
    public static IReadOnlyList<ScopePreset> All { get; } =
    [
        new("Read", [CrmScopes.CrmRead, CrmScopes.CommerceRead, WebhookScopes.Read, ImportScopes.Read, InboundScopes.Read, AppsScopes.Read,
             PlatformScopes.AuditRead, PlatformScopes.EventsRead]),
        new("Read/Write",
            [CrmScopes.CrmRead, CrmScopes.CrmWrite, CrmScopes.CommerceRead, CrmScopes.CommerceWrite, WebhookScopes.Read,
             WebhookScopes.Write, ImportScopes.Read, ImportScopes.Write, InboundScopes.Read, InboundScopes.Write, AppsScopes.Read, AppsScopes.Write,
             PlatformScopes.EventsPublish]),
        new("Read/Write/Delete",
            [CrmScopes.CrmRead, CrmScopes.CrmWrite, CrmScopes.CrmDelete, CrmScopes.CommerceRead, CrmScopes.CommerceWrite,
             CrmScopes.CommerceDelete, WebhookScopes.Read, WebhookScopes.Write, ImportScopes.Read, ImportScopes.Write,
             InboundScopes.Read, InboundScopes.Write, AppsScopes.Read, AppsScopes.Write, PlatformScopes.EventsPublish]),
        new("Bulk",
            [CrmScopes.CrmRead, CrmScopes.CrmWrite, CrmScopes.CommerceRead, CrmScopes.CommerceWrite, CrmScopes.BulkWrite,
             ImportScopes.Read, ImportScopes.Write]),
        new("Admin", [PlatformScopes.Admin]),
    ];
}
