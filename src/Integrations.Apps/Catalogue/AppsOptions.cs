namespace Integrations.Apps.Catalogue;

/// <summary><c>Sentinel:Apps:{id}</c>: per app, URL overrides (tests point apps at local fakes; a customer points
/// Outlook at a sovereign cloud) and the platform-wide OAuth client, used where a workspace has none of its own.</summary>
internal sealed class AppsOptions
{
    public Dictionary<string, AppSettings> Apps { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The platform's signing secret for the app's events (Slack's signing secret, Zoom's webhook secret
    /// token), when configured.</summary>
    public string? SigningSecret(string appId) =>
        Apps.TryGetValue(appId, out var settings) && (settings.SigningSecret ?? settings.WebhookSecretToken) is { Length: > 0 } secret ? secret : null;
}

internal sealed class AppSettings
{
    public Dictionary<string, string> Urls { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }

    /// <summary>The API version put in the app's URLs where they carry <c>{api_version}</c> (Meta's Graph API).</summary>
    public string? ApiVersion { get; init; }

    /// <summary>Slack: the platform's Slack app's signing secret, which checks its Events API requests. Calendly: the
    /// OAuth app's webhook signing key, accepted beside each connection's own.</summary>
    public string? SigningSecret { get; init; }

    /// <summary>Zoom only: the Secret Token of the platform's Zoom app, which signs its webhook requests.</summary>
    public string? WebhookSecretToken { get; init; }
}
