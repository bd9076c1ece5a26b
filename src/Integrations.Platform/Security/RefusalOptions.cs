namespace Integrations.Platform.Security;

/// <summary>Bound from <c>Sentinel:Security</c>.</summary>
internal sealed class RefusalOptions
{
    public const string Section = "Sentinel:Security";

    /// <summary>
    /// Refused requests a client address may have in a clock minute about one subject (unknown inbound sources, one
    /// inbound source's failed verification, bad bearer keys); after that its requests about that subject get 429 until
    /// the minute ends. 0 turns it off.
    /// </summary>
    public int RefusalsPerMinutePerIp { get; set; } = 30;
}
