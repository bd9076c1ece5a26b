using Integrations.Platform.Api;

namespace Integrations.Apps;

/// <summary>The scopes of connected apps: the catalogue, the connections and their actions.</summary>
public static class AppsScopes
{
    public const string Read = "apps:read";
    public const string Write = "apps:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List the app catalogue and the workspace's app connections."),
        new(Write, "Sync, disconnect and run actions of app connections."),
    ];
}
