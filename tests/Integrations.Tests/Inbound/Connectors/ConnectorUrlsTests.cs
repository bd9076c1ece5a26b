using Integrations.Inbound.Connectors;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class ConnectorUrlsTests
{
    [Theory]
    [InlineData("https://api.example.com/v1?api_key=abc&page=2", "https://api.example.com/v1?api_key=REDACTED&page=2")]
    [InlineData("https://api.example.com/v1?TOKEN=a%20b&key=k&secret=s#top", "https://api.example.com/v1?TOKEN=REDACTED&key=REDACTED&secret=REDACTED#top")]
    [InlineData("https://api.example.com/v1?password=p&access_token=t&signature=x&keys=1", "https://api.example.com/v1?password=REDACTED&access_token=REDACTED&signature=REDACTED&keys=1")]
    [InlineData("https://api.example.com/v1", "https://api.example.com/v1")]
    [InlineData("https://api.example.com/v1?token", "https://api.example.com/v1?token")]
    public void Redact_HidesValuesOfCredentialParameters_Only(string url, string shown) =>
        Assert.Equal(shown, ConnectorUrls.Redact(url));

    [Theory]
    [InlineData("https://api.example.com/a", "https://API.example.com:443/b?x=1", true)]
    [InlineData("https://api.example.com/a", "http://api.example.com/a", false)]
    [InlineData("https://api.example.com/a", "https://api.example.com:8443/a", false)]
    [InlineData("https://api.example.com/a", "https://evil.example.com/a", false)]
    [InlineData("https://api.example.com/a", "not a url", false)]
    public void SameOrigin_ComparesSchemeHostAndPort(string a, string b, bool same) =>
        Assert.Equal(same, ConnectorUrls.SameOrigin(a, b));

    [Theory]
    [InlineData("https://api.example.com/v2?api_key=REDACTED&status=all", "https://api.example.com/v2?api_key=k%2B1&status=all")]
    [InlineData("https://api.example.com/v2?api_key=new-key", "https://api.example.com/v2?api_key=new-key")]
    [InlineData("https://other.example.com/v2?api_key=REDACTED", "https://other.example.com/v2?api_key=REDACTED")]
    public void Restore_PutsStoredCredentialsBack_OnlyForTheSameOrigin(string given, string restored) =>
        Assert.Equal(restored, ConnectorUrls.Restore(given, "https://api.example.com/v1?api_key=k%2B1&status=open"));

    [Fact]
    public void Restore_KeepsRepeatedCredentialsApart() =>
        Assert.Equal("https://api.example.com/v1?token=one&x=1&token=two",
            ConnectorUrls.Restore("https://api.example.com/v1?token=REDACTED&x=1&token=REDACTED", "https://api.example.com/v1?token=one&x=1&token=two"));
}
