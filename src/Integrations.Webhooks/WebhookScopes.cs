using Integrations.Platform.Api;

namespace Integrations.Webhooks;

/// <summary>The scopes of webhook subscriptions and their delivery log.</summary>
public static class WebhookScopes
{
    public const string Read = "webhooks:read";
    public const string Write = "webhooks:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List webhook subscriptions and their delivery log."),
        new(Write, "Create, change, pause and delete webhook subscriptions (record events also need their read scope); replay."),
    ];
}
