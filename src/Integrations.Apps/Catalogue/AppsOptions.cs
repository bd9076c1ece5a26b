namespace Integrations.Apps.Catalogue;

/// <summary><c>Sentinel:Apps:{id}</c>: per app, URL overrides (tests point apps at local fakes; a customer points
/// Outlook at a sovereign cloud) and the platform-wide OAuth client, used where a workspace has none of its own.</summary>
internal sealed class AppsOptions
{
    public Dictionary<string, AppSettings> Apps { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}

internal sealed class AppSettings
{
    public Dictionary<string, string> Urls { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }
}
