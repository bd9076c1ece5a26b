using System.Net;
using System.Security.Cryptography;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>Each verification method against requests signed the way its provider signs them.</summary>
public sealed class VerificationTests(InboundApp app) : IClassFixture<InboundApp>
{
    [Theory]
    [InlineData("shopify")]
    [InlineData("github")]
    [InlineData("stripe")]
    [InlineData("standard_webhooks")]
    [InlineData("api_key")]
    [InlineData("basic")]
    public async Task Preset_ProcessesRequestSignedAsProviderSigns_AndRefusesOthersWith401(string preset)
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = preset, preset, mapping = Sources.ContactMapping });
        var body = Body(preset);

        var requestId = await Sources.AcceptedAsync(app, source.Id(), body, Sign(preset, source.Secret(), body));
        var wrongSecret = await Sources.SendAsync(app, source.Id(), body, Sign(preset, OtherSecret(), body));
        // A key or password says who sent it, not what: only the signing methods can refuse a changed body.
        var signsBody = preset is not ("api_key" or "basic");
        var tampered = signsBody
            ? await Sources.SendAsync(app, source.Id(), body.Replace("Ada", "Eve", StringComparison.Ordinal), Sign(preset, source.Secret(), body))
            : null;
        var unsigned = await Sources.SendAsync(app, source.Id(), body, new Dictionary<string, string>());

        var processed = await client.ProcessedAsync(source.Id(), requestId);
        Assert.Equal("processed", processed.GetProperty("status").GetString());
        Assert.Equal("created", processed.GetProperty("record").GetProperty("change").GetString());
        await wrongSecret.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await unsigned.AssertProblemAsync(HttpStatusCode.Unauthorized);
        if (tampered is not null)
        {
            await tampered.AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        Assert.Single(await client.RequestsAsync(source.Id()));
        var contact = Assert.Single(await client.RecordsAsync("contact"));
        Assert.Equal($"{preset}@example.com", contact.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("standard_webhooks")]
    public async Task SignedTimestamp_IsRefused_WhenMoreThanFiveMinutesOld(string preset)
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = preset, preset, mapping = Sources.ContactMapping });
        var body = Body(preset);
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();

        var stale = await Sources.SendAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, now - 301));
        var recent = await Sources.SendAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, now - 240));

        var problem = await stale.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("5 minutes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, recent.StatusCode);
    }

    [Fact]
    public async Task Stripe_AcceptsAnyMatchingV1_WhenSeveralAreSent()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Stripe", preset = "stripe", secret = "whsec_test_stripe_secret_123", mapping = Sources.ContactMapping });
        var body = Body("stripe");
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var old = Signatures.Stripe("whsec_previous_secret_456", body, now).Split(',')[1];
        var current = Signatures.Stripe("whsec_test_stripe_secret_123", body, now);

        var response = await Sources.SendAsync(app, source.Id(), body, new Dictionary<string, string> { ["Stripe-Signature"] = $"{current.Split(',')[0]},{old},{current.Split(',')[1]}" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static string Body(string preset) =>
        $$"""{"id":"evt_{{Guid.NewGuid():N}}","email":"{{preset}}@example.com","name":"Ada"}""";

    private static string OtherSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Dictionary<string, string> Sign(string preset, string secret, string body, long? timestamp = null) =>
        Signatures.Headers(preset, secret, body, timestamp ?? app.Clock.GetUtcNow().ToUnixTimeSeconds(), Guid.NewGuid().ToString());
}
