namespace Integrations.Platform.Outbound;

/// <summary>
/// Bound from <c>Sentinel:Outbound</c>. The same two keys under <c>Sentinel:Webhooks</c>, where they lived before the
/// guard served connectors and apps too, are still read as aliases for one release (<see cref="OutboundSettings"/>).
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "Sentinel:Outbound";

    /// <summary>Allow <c>http://</c> URLs (local development and tests); https only otherwise.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Hosts or IP addresses/CIDRs the SSRF guard lets through although they are not global (e.g. 127.0.0.1).</summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];
}
