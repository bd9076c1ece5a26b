using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Catalogue;

/// <summary>
/// The apps Sentinel connects to, read once from <c>apps.json</c> (the data) with the URLs configuration overrides.
/// </summary>
public sealed class AppCatalogue
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    internal AppCatalogue(IOptions<AppsOptions> options)
    {
        var settings = options.Value.Apps;
        All = Load().Select(app => settings.TryGetValue(app.Id, out var own) ? WithUrls(app, own.Urls) : app)
            .Select(app => Versioned(app, settings.GetValueOrDefault(app.Id)?.ApiVersion)).ToList();
    }

    /// <summary>In the catalogue's order (grouped by category on the page).</summary>
    public IReadOnlyList<AppDefinition> All { get; }

    public AppDefinition? Find(string id) => All.FirstOrDefault(a => a.Id == id);

    /// <summary>The apps as shipped, before any override.</summary>
    internal static IReadOnlyList<AppDefinition> Load()
    {
        using var stream = typeof(AppCatalogue).Assembly.GetManifestResourceStream("apps.json")
            ?? throw new InvalidOperationException("The app catalogue (apps.json) is not embedded in Integrations.Apps.");
        return JsonSerializer.Deserialize<List<AppDefinition>>(stream, Json)
            ?? throw new InvalidOperationException("The app catalogue (apps.json) is empty.");
    }

    /// <summary>The app with <c>{api_version}</c> in its URLs (shipped or overridden) replaced by the configured version
    /// or the catalogue's.</summary>
    private static AppDefinition Versioned(AppDefinition app, string? configured) =>
        (configured ?? app.ApiVersion) is not { } version ? app : app with
        {
            ApiVersion = version,
            Urls = app.Urls.ToDictionary(u => u.Key, u => u.Value.Replace("{api_version}", version, StringComparison.Ordinal), StringComparer.OrdinalIgnoreCase),
        };

    private static AppDefinition WithUrls(AppDefinition app, Dictionary<string, string> overrides) => app with
    {
        Urls = app.Urls.Keys.Union(overrides.Keys, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(name => name, name => overrides.GetValueOrDefault(name) ?? app.Urls[name], StringComparer.OrdinalIgnoreCase),
    };
}
