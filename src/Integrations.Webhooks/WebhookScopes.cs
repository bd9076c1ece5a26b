using Integrations.Platform.Api;

namespace Integrations.Webhooks;

/// <summary>The scopes of webhook subscriptions and their delivery log (inbound sources and connectors use them too).</summary>
public static class WebhookScopes
{
    public const string Read = "webhooks:read";
    public const string Write = "webhooks:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List webhook subscriptions and their delivery log; inbound sources, connectors and their logs."),
        new(Write, "Create, change, pause and delete webhook subscriptions, inbound sources and connectors; replay and re-process."),
    ];
}
