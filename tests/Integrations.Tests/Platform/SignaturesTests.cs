using System.Text;
using Integrations.Platform.Signing;

namespace Integrations.Tests.Platform;

/// <summary>Expected values come from Python's hmac/hashlib, the way our receiver docs verify.</summary>
public sealed class SignaturesTests
{
    private const string Secret = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","event":"invoice.paid","timestamp":"2026-05-15T10:05:00Z","data":{}}""");

    [Fact]
    public void Sha256Header_MatchesPythonHmacOfTheRawBody() =>
        Assert.Equal("sha256=426838bcb2ffb4a663ecf478bb71f8fc44bd77a943c863b6ae0797760386225f",
            Signatures.Sha256Header(Secret, Body));

    [Fact]
    public void StandardSignature_IsKeyedWithTheBase64PartOfWhsec() =>
        Assert.Equal("v1,tGUBs2xzd1Yk3H/Vxk/C0QuqgznB0kkrFuPl/f1B0xE=", StandardWebhooks.Sign(Secret, "evt_1", 1778839500, Body));

    [Fact]
    public void StandardSignature_IsKeyedWithUtf8_WhenTheSecretIsNotBase64() =>
        Assert.Equal("v1,LE/5/HlZ60/jQ41iCvWF1741XdWoPN7lSKrxSnDj3ag=", StandardWebhooks.Sign("not base64!", "evt_1", 1778839500, Body));

    [Fact]
    public void NewSecret_IsWhsecAndBase64Of48Bytes()
    {
        var secret = StandardWebhooks.NewSecret();

        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(48, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.NotEqual(secret, StandardWebhooks.NewSecret());
    }
}
