using System.Globalization;
using System.Net;
using System.Text.Json;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Ids;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>Refused requests count against the client's address; after a few, it is answered 429 until the minute ends.</summary>
public sealed class RefusalLimitTests(ProxiedSentinelApp app) : IClassFixture<ProxiedSentinelApp>
{
    private const int Limit = ProxiedSentinelApp.RefusalsPerMinute;
    // A new body each time: these sources' methods sign no timestamp, so a body sent again would be a replay.
    private static string Body => $$"""{"email":"refused-{{Guid.NewGuid():N}}@example.com","name":"Refused"}""";

    [Fact]
    public async Task Receive_Answers429WithRetryAfter_ToASignedRequest_AfterTooManyUnverifiedFromItsAddress_UntilTheMinuteEnds()
    {
        var (client, source) = await SourceAsync();
        var address = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit, _ => SendAsync(source.Id(), "not-the-secret", address));

        var blocked = await SendAsync(source.Id(), source.Secret(), address);
        var retryAfter = app.SecondsLeftInMinute();
        var fromElsewhere = await SendAsync(source.Id(), source.Secret(), ProxiedSentinelApp.NewClientAddress());
        app.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        var nextMinute = await SendAsync(source.Id(), source.Secret(), address);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(retryAfter.ToString(CultureInfo.InvariantCulture), blocked.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.Accepted, fromElsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, nextMinute.StatusCode);
        Assert.Equal(2, (await client.RequestsAsync(source.Id())).Length);
    }

    [Fact]
    public async Task Receive_AcceptsASignedRequestForAnotherSource_FromAnAddressThatFailedOneSourceTooOften()
    {
        var (_, failing) = await SourceAsync();
        var (client, other) = await SourceAsync();
        var shared = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit, _ => SendAsync(failing.Id(), "not-the-secret", shared));

        var toFailing = await SendAsync(failing.Id(), failing.Secret(), shared);
        var toOther = await SendAsync(other.Id(), other.Secret(), shared);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await toFailing.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.Accepted, toOther.StatusCode);
        Assert.Single(await client.RequestsAsync(other.Id()));
    }

    [Fact]
    public async Task Receive_AcceptsASignedRequest_FromAnAddressWithTooManyRefusedApiKeys()
    {
        var (_, source) = await SourceAsync();
        var shared = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit,
            _ => app.ClientFrom(shared, KeyFormat.NewKey()).GetAsync("/api/v1/keys", TestContext.Current.CancellationToken));

        var delivery = await SendAsync(source.Id(), source.Secret(), shared);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.Accepted, delivery.StatusCode);
    }

    [Fact]
    public async Task Receive_CountsRequestsForUnknownSources_AsRefusals()
    {
        var (client, source) = await SourceAsync();
        var address = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit,
            _ => SendAsync(PublicId.Format(IdPrefixes.InboundSource, Guid.NewGuid()), source.Secret(), address));

        var blocked = await SendAsync(source.Id(), source.Secret(), address);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.NotFound, status));
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Empty(await client.RequestsAsync(source.Id()));
    }

    [Fact]
    public async Task Receive_NeverLimitsASender_ByItsAcceptedRequests()
    {
        var (_, source) = await SourceAsync();
        var address = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit - 1, _ => SendAsync(source.Id(), "not-the-secret", address));

        var accepted = await Repeated.StatusesAsync(3 * Limit, _ => SendAsync(source.Id(), source.Secret(), address));

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.All(accepted, status => Assert.Equal(HttpStatusCode.Accepted, status));
    }

    [Fact]
    public async Task Receive_DoesNotCountADisabledSource_AgainstItsSender()
    {
        var client = await Sources.ClientAsync(app);
        var disabled = await client.CreateAsync(new { name = "Paused", preset = "api_key", mapping = Sources.ContactMapping, enabled = false });
        var (_, enabled) = await SourceAsync();
        var address = ProxiedSentinelApp.NewClientAddress();
        var paused = await Repeated.StatusesAsync(2 * Limit, _ => SendAsync(disabled.Id(), disabled.Secret(), address));
        var toEnabled = await SendAsync(enabled.Id(), enabled.Secret(), address);

        Assert.All(paused, status => Assert.Equal(HttpStatusCode.Forbidden, status));
        Assert.Equal(HttpStatusCode.Accepted, toEnabled.StatusCode);
    }

    [Fact]
    public async Task Receive_DoesNotTakeBasicCredentials_ForARefusedApiKey()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Basic", preset = "basic", mapping = Sources.ContactMapping });
        var address = ProxiedSentinelApp.NewClientAddress();
        var basic = new Dictionary<string, string> { ["Authorization"] = Signatures.Basic("sender", source.Secret()), ["X-Forwarded-For"] = address };

        var accepted = await Repeated.StatusesAsync(2 * Limit, _ => Sources.SendAsync(app, source.Id(), Body, basic));

        Assert.All(accepted, status => Assert.Equal(HttpStatusCode.Accepted, status));
    }

    private async Task<(HttpClient Client, JsonElement Source)> SourceAsync()
    {
        var client = await Sources.ClientAsync(app);
        return (client, await client.CreateAsync(new { name = "Partner feed", preset = "api_key", mapping = Sources.ContactMapping }));
    }

    private Task<HttpResponseMessage> SendAsync(string sourceId, string key, string address) =>
        Sources.SendAsync(app, sourceId, Body, new Dictionary<string, string> { ["X-Api-Key"] = key, ["X-Forwarded-For"] = address });
}
