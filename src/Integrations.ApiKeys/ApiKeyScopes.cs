using Integrations.Platform.Api;

namespace Integrations.ApiKeys;

/// <summary>The scope of the keys API.</summary>
public static class ApiKeyScopes
{
    public const string KeysManage = "keys:manage";

    /// <summary>Listed by the <see cref="ScopeCatalog"/> after every other module's and the platform's.</summary>
    internal static readonly ApiScope[] All =
    [
        new(KeysManage, "List, create, revoke and delete API keys, never past its own scopes or expiry."),
    ];
}
