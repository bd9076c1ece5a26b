namespace Integrations.Webhooks;

/// <summary>Bound from <c>Sentinel:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Sentinel:Webhooks";

    /// <summary>Allow <c>http://</c> endpoint URLs (local development and tests); https only otherwise.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Hosts or IP addresses/CIDRs the SSRF guard lets through although they are not global (e.g. 127.0.0.1).</summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
