using Integrations.Platform.Api;

namespace Integrations.ApiKeys;

/// <summary>
/// Every scope a key can hold: each module's (registered with <see cref="Platform.Api.Scopes.AddApiScopes"/>, in module order), then
/// the platform's, key management, and <c>admin</c> last. The key page, the keys API and key validation read this list.
/// </summary>
public sealed class ScopeCatalog
{
    private readonly HashSet<string> names;

    internal ScopeCatalog(IEnumerable<ApiScope> moduleScopes)
    {
        All = [.. moduleScopes, .. PlatformScopes.All, .. ApiKeyScopes.All, PlatformScopes.Everything];
        names = All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<ApiScope> All { get; }

    public bool IsKnown(string name) => names.Contains(name);
}
