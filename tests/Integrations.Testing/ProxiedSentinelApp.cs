namespace Integrations.Testing;

/// <summary>
/// The real app behind a proxy (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), so <c>X-Forwarded-For</c> is the client's
/// address and each test can be a client of its own; with a manual clock and a few refusals a minute per address.
/// </summary>
public class ProxiedSentinelApp : ClockedSentinelApp
{
    public const int RefusalsPerMinute = 5;

    private static int lastAddress;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["FORWARDEDHEADERS_ENABLED"] = "true",
        ["Sentinel:Security:RefusalsPerMinutePerIp"] = RefusalsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>An address no other test uses (TEST-NET-3, never routed).</summary>
    public static string NewClientAddress() => $"203.0.113.{Interlocked.Increment(ref lastAddress)}";

    /// <summary>A client whose requests come, by the proxy's word, from <paramref name="address"/>.</summary>
    public HttpClient ClientFrom(string address, string? key)
    {
        var client = this.Client(key);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    /// <summary>What Retry-After says now for a window that ends with the clock's minute.</summary>
    public int SecondsLeftInMinute() => 60 - (int)(Clock.GetUtcNow().ToUnixTimeSeconds() % 60);

}
