using Integrations.ApiKeys.Keys;

namespace Integrations.Tests.ApiKeys;

public sealed class KeyFormatTests
{
    private const string Sample = "sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public void NewKey_IsSkPlus64LowercaseHex_AndWellFormed()
    {
        var key = KeyFormat.NewKey();

        Assert.Matches("^sk_[0-9a-f]{64}$", key);
        Assert.True(KeyFormat.IsWellFormed(key));
    }

    [Fact]
    public void NewKey_EndsInTheCrc32OfItsFirst56HexCharacters_AsZlibComputesIt()
    {
        var key = KeyFormat.NewKey();

        Assert.True(KeyFormat.HasValidChecksum(key));
        // Python: format(zlib.crc32(b"0123456789abcdef0123456789abcdef0123456789abcdef01234567"), "08x")
        Assert.True(KeyFormat.HasValidChecksum("sk_0123456789abcdef0123456789abcdef0123456789abcdef012345671c637e5a"));
    }

    [Theory]
    [InlineData("sk_0123456789abcdef0123456789abcdef0123456789abcdef012345671c637e5b")]
    [InlineData("sk_0123456789abcdef0123456789abcdef0123456789abcdef112345671c637e5a")]
    [InlineData("sk_1023456789abcdef0123456789abcdef0123456789abcdef012345671c637e5a")]
    public void HasValidChecksum_IsFalse_WhenOneCharacterIsMistyped(string key) =>
        Assert.False(KeyFormat.HasValidChecksum(key));

    [Fact]
    public void NewKey_DiffersEveryTime()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => KeyFormat.NewKey()).ToHashSet();

        Assert.Equal(1000, keys.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk_")]
    [InlineData("sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    [InlineData("sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    [InlineData("sk_0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("pk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("sk_٠١٢٣456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void IsWellFormed_IsFalse_WhenNotSkPlus64LowercaseHex(string key) => Assert.False(KeyFormat.IsWellFormed(key));

    [Fact]
    public void Hash_IsSha256OfTheKeyText()
    {
        var hash = KeyFormat.Hash(Sample);

        Assert.Equal("c72f6d852a280f0e610550870afae5cb0619f1efe6dbfe9b0ef671aa5488f3c3", Convert.ToHexStringLower(hash));
    }

    [Fact]
    public void Hash_Differs_WhenOneCharacterDiffers() =>
        Assert.NotEqual(KeyFormat.Hash(Sample), KeyFormat.Hash(Sample[..^1] + "e"));

    [Fact]
    public void Masked_ShowsOnlyTheDisplayPrefix()
    {
        var masked = KeyFormat.Masked(KeyFormat.DisplayPrefix(Sample));

        Assert.Equal("sk_01234567••••••••", masked);
    }
}
