using System.Net;
using Integrations.ApiKeys.Keys;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class AuthenticationTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_Answers401MissingKey_WhenNoAuthorizationHeader()
    {
        var response = await app.Client(null).GetAsync("/api/v1/keys", Ct);

        await response.AssertKeyRefusedAsync("missing_api_key");
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer sk_0123")]
    [InlineData("Bearer sk_ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("sk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public async Task Api_Answers401MalformedKey_WhenKeyIsNotSkPlus64LowercaseHex(string authorization)
    {
        var client = app.Client(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync("/api/v1/keys", Ct);

        await response.AssertKeyRefusedAsync("malformed_api_key");
    }

    [Fact]
    public async Task Api_Answers401UnknownKey_WhenKeyWasNeverIssued()
    {
        // Well-formed and with a valid checksum, but never issued.
        var response = await app.Client(Integrations.ApiKeys.Keys.KeyFormat.NewKey()).GetAsync("/api/v1/keys", Ct);

        await response.AssertKeyRefusedAsync("unknown_api_key");
    }

    [Fact]
    public async Task Api_Answers401RevokedKey_AtOnce_WhenKeyIsRevokedAfterUse()
    {
        var (issued, client) = await KeyInUseAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/keys/{issued.ApiKey.Id}/revoke", null, Ct)).StatusCode);

        await (await client.GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("revoked_api_key");
    }

    [Fact]
    public async Task Api_Answers401UnknownKey_AtOnce_WhenKeyIsDeletedAfterUse()
    {
        var (issued, client) = await KeyInUseAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/keys/{issued.ApiKey.Id}", Ct)).StatusCode);

        await (await client.GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("unknown_api_key");
    }

    [Fact]
    public async Task Api_Answers403NamingScope_WhenKeyLacksIt()
    {
        var issued = await Keys.IssueAsync(app, ["crm:read"]);

        var response = await app.Client(issued.Key).GetAsync("/api/v1/audit", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("audit:read", problem.GetProperty("required_scope").GetString());
        Assert.Contains("audit:read", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AllowsEveryScope_WhenKeyHoldsAdmin()
    {
        var issued = await Keys.IssueAsync(app, ["admin"]);
        var client = app.Client(issued.Key);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/audit", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);
    }

    /// <summary>A key that has made one call, so it sits in the key cache that revoke and delete must get past.</summary>
    private async Task<(IssuedApiKey Issued, HttpClient Client)> KeyInUseAsync()
    {
        var issued = await Keys.IssueAsync(app, ["keys:manage"]);
        var client = app.Client(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);
        return (issued, client);
    }
}
