using System.Net;
using System.Net.Http.Headers;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class AuthenticationTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Api_Answers401MissingKey_WhenNoAuthorizationHeader()
    {
        var response = await app.Client(null).GetAsync("/api/v1/keys", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("missing_api_key", problem.GetProperty("error").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
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

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("malformed_api_key", problem.GetProperty("error").GetString());
        AssertInvalidTokenChallenge(response);
    }

    [Fact]
    public async Task Api_Answers401UnknownKey_WhenKeyWasNeverIssued()
    {
        var response = await app.Client("sk_" + new string('7', 64)).GetAsync("/api/v1/keys", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unknown_api_key", problem.GetProperty("error").GetString());
        AssertInvalidTokenChallenge(response);
    }

    [Fact]
    public async Task Api_Answers401RevokedKey_AtOnce_WhenKeyIsRevokedAfterUse()
    {
        var issued = await Keys.IssueAsync(app, ["keys:manage"]);
        var client = app.Client(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);

        var revoke = await client.PostAsync($"/api/v1/keys/{issued.ApiKey.Id}/revoke", null, Ct);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var response = await client.GetAsync("/api/v1/keys", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("revoked_api_key", problem.GetProperty("error").GetString());
        AssertInvalidTokenChallenge(response);
    }

    [Fact]
    public async Task Api_Answers401UnknownKey_AtOnce_WhenKeyIsDeletedAfterUse()
    {
        var issued = await Keys.IssueAsync(app, ["keys:manage"]);
        var client = app.Client(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/keys", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/keys/{issued.ApiKey.Id}", Ct)).StatusCode);
        var response = await client.GetAsync("/api/v1/keys", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("unknown_api_key", problem.GetProperty("error").GetString());
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

    private static void AssertInvalidTokenChallenge(HttpResponseMessage response)
    {
        AuthenticationHeaderValue challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("error_description=", challenge.Parameter, StringComparison.Ordinal);
    }
}
