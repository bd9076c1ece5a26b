namespace Integrations.Platform.Api;

/// <summary>
/// Every scope a key can hold: each module's (registered with <see cref="Scopes.AddApiScopes"/>, in module order), then the
/// platform's, <c>admin</c> last. The key page, the keys API and key validation all read this one list.
/// </summary>
public sealed class ScopeCatalog
{
    private readonly HashSet<string> names;

    internal ScopeCatalog(IEnumerable<ApiScope> moduleScopes)
    {
        All = [.. moduleScopes, .. PlatformScopes.All];
        names = All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyList<ApiScope> All { get; }

    public bool IsKnown(string name) => names.Contains(name);
}
