using System.Globalization;
using System.Net;
using Integrations.ApiKeys.Keys;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

/// <summary>Refused keys count against the client's address; after a few, its bearer keys are answered 429 until the minute ends.</summary>
public sealed class RefusedKeyLimitTests(ProxiedSentinelApp app) : IClassFixture<ProxiedSentinelApp>
{
    private const int Limit = ProxiedSentinelApp.RefusalsPerMinute;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_Answers429WithRetryAfter_ToAValidKey_AfterTooManyUnknownKeysFromItsAddress_UntilTheMinuteEnds()
    {
        var key = (await Keys.IssueAsync(app, ["keys:manage"])).Key;
        var address = ProxiedSentinelApp.NewClientAddress();
        for (var i = 0; i < Limit; i++)
        {
            await (await app.ClientFrom(address, KeyFormat.NewKey()).GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("unknown_api_key");
        }

        var blocked = await app.ClientFrom(address, key).GetAsync("/api/v1/keys", Ct);
        var retryAfter = app.SecondsLeftInMinute();
        var fromElsewhere = await app.ClientFrom(ProxiedSentinelApp.NewClientAddress(), key).GetAsync("/api/v1/keys", Ct);
        app.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        var nextMinute = await app.ClientFrom(address, key).GetAsync("/api/v1/keys", Ct);

        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(retryAfter.ToString(CultureInfo.InvariantCulture), blocked.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, nextMinute.StatusCode);
    }

    [Fact]
    public async Task Api_CountsMalformedUnknownAndRevokedKeys_AsRefusals()
    {
        var valid = await Keys.IssueAsync(app, ["keys:manage"]);
        var revoked = await Keys.IssueAsync(app, ["keys:manage"]);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(valid.Key).PostAsync($"/api/v1/keys/{revoked.ApiKey.Id}/revoke", null, Ct)).StatusCode);
        var address = ProxiedSentinelApp.NewClientAddress();
        string[] bad = ["sk_0123", KeyFormat.NewKey()[..^1] + "x", KeyFormat.NewKey(), revoked.Key, revoked.Key];
        Assert.Equal(Limit, bad.Length);
        var refused = await Repeated.StatusesAsync(bad.Length, i => app.ClientFrom(address, bad[i]).GetAsync("/api/v1/keys", Ct));

        // A key no one has used yet, so finding it would take a lookup.
        var blocked = await app.ClientFrom(address, (await Keys.IssueAsync(app, ["keys:manage"])).Key).GetAsync("/api/v1/keys", Ct);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Api_ServesAKnownKey_FromAnAddressOverTheLimit_ButAnswers429ToKeysItWouldLookUp()
    {
        var known = (await Keys.IssueAsync(app, ["keys:manage"])).Key;
        var notYetUsed = (await Keys.IssueAsync(app, ["keys:manage"])).Key;
        var revoked = await Keys.IssueAsync(app, ["keys:manage"]);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(known).PostAsync($"/api/v1/keys/{revoked.ApiKey.Id}/revoke", null, Ct)).StatusCode);
        // A platform many customers call through: one customer's revoked key keeps being sent.
        var platform = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit, _ => app.ClientFrom(platform, revoked.Key).GetAsync("/api/v1/keys", Ct));

        var knownKey = await app.ClientFrom(platform, known).GetAsync("/api/v1/keys", Ct);
        var lookedUp = await app.ClientFrom(platform, notYetUsed).GetAsync("/api/v1/keys", Ct);
        var unknown = await app.ClientFrom(platform, KeyFormat.NewKey()).GetAsync("/api/v1/keys", Ct);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.OK, knownKey.StatusCode);
        await lookedUp.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await unknown.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Api_NeverLimitsAValidKey_ByItsOwnRequests_EvenThoseRefusedForScope()
    {
        var key = (await Keys.IssueAsync(app, ["crm:read"])).Key;
        var client = app.ClientFrom(ProxiedSentinelApp.NewClientAddress(), key);
        var outOfScope = await Repeated.StatusesAsync(2 * Limit, _ => client.GetAsync("/api/v1/keys", Ct));
        var inScope = await Repeated.StatusesAsync(2 * Limit, _ => client.GetAsync("/api/v1/records/contact", Ct));

        Assert.All(outOfScope, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.All(inScope, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Api_DoesNotCountRequestsWithoutAKey()
    {
        var key = (await Keys.IssueAsync(app, ["keys:manage"])).Key;
        var address = ProxiedSentinelApp.NewClientAddress();
        for (var i = 0; i < 2 * Limit; i++)
        {
            await (await app.ClientFrom(address, null).GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("missing_api_key");
        }

        Assert.Equal(HttpStatusCode.OK, (await app.ClientFrom(address, key).GetAsync("/api/v1/keys", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_LimitsAWholeIpv6Slash64_ButNotTheNext()
    {
        var key = (await Keys.IssueAsync(app, ["keys:manage"])).Key;
        for (var i = 0; i < Limit; i++)
        {
            await (await app.ClientFrom($"2001:db8:0:1::{i + 1:x}", KeyFormat.NewKey()).GetAsync("/api/v1/keys", Ct))
                .AssertKeyRefusedAsync("unknown_api_key");
        }

        var sameNetwork = await app.ClientFrom("2001:db8:0:1:abcd::99", key).GetAsync("/api/v1/keys", Ct);
        var nextNetwork = await app.ClientFrom("2001:db8:0:2::1", key).GetAsync("/api/v1/keys", Ct);

        await sameNetwork.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, nextNetwork.StatusCode);
    }
}
