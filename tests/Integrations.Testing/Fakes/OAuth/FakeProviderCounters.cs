using System.Collections.Concurrent;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>What a fake provider has seen, for tests to assert on: counted as requests arrive, faults included.</summary>
public sealed class FakeProviderCounters
{
    private readonly ConcurrentDictionary<string, int> tokenRequests = new();
    private readonly ConcurrentDictionary<string, int> refreshes = new();
    private readonly ConcurrentDictionary<string, int> apiCalls = new();
    private int refreshesInFlight;
    private int maxRefreshesInFlight;
    private int revocations;

    /// <summary>Token requests of one grant type (<c>authorization_code</c>, <c>refresh_token</c>).</summary>
    public int TokenRequests(string grantType) => tokenRequests.GetValueOrDefault(grantType);

    /// <summary>Refresh requests that presented <paramref name="refreshToken"/>.</summary>
    public int RefreshesOf(string refreshToken) => refreshes.GetValueOrDefault(refreshToken);

    public int RefreshesInFlight => Volatile.Read(ref refreshesInFlight);

    /// <summary>The most refresh requests the provider held at one time.</summary>
    public int MaxRefreshesInFlight => Volatile.Read(ref maxRefreshesInFlight);

    /// <summary>Tokens revoked through the provider's revoke endpoint.</summary>
    public int Revocations => Volatile.Read(ref revocations);

    /// <summary>Calls to the identity endpoint and the app APIs that presented a valid <paramref name="accessToken"/>.</summary>
    public int ApiCallsWith(string accessToken) => apiCalls.GetValueOrDefault(accessToken);

    public int ApiCalls => apiCalls.Values.Sum();

    internal void TokenRequested(string grantType) => tokenRequests.AddOrUpdate(grantType, 1, (_, n) => n + 1);

    internal void RefreshStarted(string refreshToken)
    {
        refreshes.AddOrUpdate(refreshToken, 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref refreshesInFlight);
        int max;
        while (now > (max = Volatile.Read(ref maxRefreshesInFlight)) && Interlocked.CompareExchange(ref maxRefreshesInFlight, now, max) != max)
        {
        }
    }

    internal void RefreshEnded() => Interlocked.Decrement(ref refreshesInFlight);

    internal void Revoked() => Interlocked.Increment(ref revocations);

    internal void ApiCalled(string accessToken) => apiCalls.AddOrUpdate(accessToken, 1, (_, n) => n + 1);
}
