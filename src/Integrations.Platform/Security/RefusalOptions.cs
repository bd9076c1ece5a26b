namespace Integrations.Platform.Security;

/// <summary>Bound from <c>Sentinel:Security</c>.</summary>
internal sealed class RefusalOptions
{
    public const string Section = "Sentinel:Security";

    /// <summary>
    /// Refused requests (unknown inbound source, unverified inbound request, bad bearer key) a client address may have in
    /// a clock minute; after that its inbound requests and bearer keys get 429 until the minute ends. 0 turns it off.
    /// </summary>
    public int RefusalsPerMinutePerIp { get; set; } = 30;
}
