using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Catalogue;

/// <summary>Refuses to start with an override for an app the catalogue lacks or a URL that is not absolute http(s):
/// a typo would otherwise send tokens to the real provider, or nowhere.</summary>
internal sealed partial class AppsOptionsValidation : IValidateOptions<AppsOptions>
{
    public ValidateOptionsResult Validate(string? name, AppsOptions options)
    {
        var apps = AppCatalogue.Load();
        var known = apps.Select(a => a.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        foreach (var (id, settings) in options.Apps)
        {
            if (!known.Contains(id))
            {
                errors.Add($"Sentinel:Apps:{id}: there is no app '{id}' (the apps are {string.Join(", ", known)}).");
                continue;
            }

            errors.AddRange(settings.Urls
                .Where(u => !Uri.TryCreate(u.Value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
                .Select(u => $"Sentinel:Apps:{id}:Urls:{u.Key} is not an absolute http(s) URL."));
            // A version goes into URLs (Meta's /v23.0/…): it must look like the one shipped, so it cannot change a path.
            if (settings.ApiVersion is { } version && apps.First(a => a.Id.Equals(id, StringComparison.OrdinalIgnoreCase)).ApiVersion is not null
                && !GraphVersion().IsMatch(version))
            {
                errors.Add($"Sentinel:Apps:{id}:ApiVersion must be a Graph API version such as v23.0.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^v[0-9]{1,3}\.[0-9]{1,2}$")]
    private static partial Regex GraphVersion();
}
