using System.Security.Cryptography;
using System.Text;
using Integrations.Inbound.Sources;
using Integrations.Inbound.Sources.Verification;
using Integrations.Platform.Signing;
using Microsoft.AspNetCore.Http;

namespace Integrations.Tests.Inbound;

public sealed class SourceVerificationTests
{
    private const string Secret = "a-shared-signing-secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":1,"total":"9.99"}""");

    [Theory]
    [InlineData("hex", "", false)]
    [InlineData("hex", "sha256=", false)]
    [InlineData("hex", "sha256=", true)]
    [InlineData("base64", "", false)]
    public void Hmac_AcceptsTheBodysSignature_InTheConfiguredEncoding_PrefixOptional(string encoding, string prefix, bool sendPrefix)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Body);
        var signature = (sendPrefix ? prefix : "") + (encoding == "hex" ? Convert.ToHexString(mac) : Convert.ToBase64String(mac));
        var settings = new VerificationSettings(VerificationMethods.Hmac, "X-Signature", encoding, prefix);

        Assert.Null(RequestVerifier.Check(settings, Secret, Headers(("X-Signature", signature)), Body, Now));
        Assert.NotNull(RequestVerifier.Check(settings, Secret, Headers(("X-Signature", signature)), [.. Body, (byte)' '], Now));
        Assert.NotNull(RequestVerifier.Check(settings, Secret, Headers(("X-Signature", "not-hex-or-base64!")), Body, Now));
    }

    [Fact]
    public void Stripe_RefusesTimestampsMoreThanFiveMinutesAhead()
    {
        var future = Now.ToUnixTimeSeconds() + 301;
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), (byte[])[.. Encoding.UTF8.GetBytes($"{future}."), .. Body]));

        var refusal = RequestVerifier.Check(new VerificationSettings(VerificationMethods.Stripe), Secret,
            Headers(("Stripe-Signature", $"t={future},v1={mac}")), Body, Now);

        Assert.Contains("5 minutes", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void StandardWebhooks_AcceptsEitherSignatureDuringARotation()
    {
        var key = RandomNumberGenerator.GetBytes(24);
        var secret = "whsec_" + Convert.ToBase64String(key);
        var ts = Now.ToUnixTimeSeconds();
        var signed = Convert.ToBase64String(HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"msg_1.{ts}."), .. Body]));

        var refusal = RequestVerifier.Check(new VerificationSettings(VerificationMethods.StandardWebhooks), secret,
            Headers(("webhook-id", "msg_1"), ("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("webhook-signature", $"v1,b2xkLXNlY3JldC1zaWduYXR1cmU= v1,{signed}")), Body, Now);

        Assert.Null(refusal);
    }

    [Fact]
    public void StandardWebhooks_AcceptsWhatSentinelsOwnOutboundWebhooksSend()
    {
        var secret = StandardWebhooks.NewSecret();
        var ts = Now.ToUnixTimeSeconds();

        var refusal = RequestVerifier.Check(new VerificationSettings(VerificationMethods.StandardWebhooks), secret,
            Headers(("webhook-id", "evt_1"), ("webhook-timestamp", ts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("webhook-signature", StandardWebhooks.Sign(secret, "evt_1", ts, Body))), Body, Now);

        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("sender", Secret, true)]
    [InlineData("someone", Secret, false)]
    [InlineData("sender", "a-guess", false)]
    public void Basic_AcceptsOnlyTheSourcesUsernameAndPassword(string username, string password, bool accepted)
    {
        var header = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));

        var refusal = RequestVerifier.Check(new VerificationSettings(VerificationMethods.Basic, Username: "sender"), Secret,
            Headers(("Authorization", header)), Body, Now);

        Assert.Equal(accepted, refusal is null);
    }

    [Fact]
    public void Presets_FillVerificationAndIdempotency_AndGivenValuesWin()
    {
        var errors = SourceRules.Resolve(new SourceInput("GitHub", "github", new VerificationInput(Header: "X-Hub-Signature"),
            MappingPreset: "shopify_order"), null, out var draft);

        Assert.Empty(errors);
        Assert.Equal(new VerificationSettings(VerificationMethods.Hmac, "X-Hub-Signature", "hex", "sha256="), draft.Verification);
        Assert.Equal("X-GitHub-Delivery", draft.Idempotency.Header);
        Assert.Equal("deal", draft.Mapping!.Object);
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }
}
