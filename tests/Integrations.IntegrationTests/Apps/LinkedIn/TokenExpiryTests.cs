using System.Net;
using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;

namespace Integrations.IntegrationTests.Apps.LinkedIn;

/// <summary>A LinkedIn member token lasts 60 days and cannot be renewed: the connection says how long it has left, on
/// the app page and in the API, and once it expired, that it must be connected again. The tests move the clock.</summary>
public sealed class TokenExpiryTests(LinkedInApp app) : IClassFixture<LinkedInApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connection_ShowsTheDaysItsTokenHasLeft_ThenThatItExpired()
    {
        var (_, _, id) = await app.ConnectAsync(Ct);
        var fresh = await app.ConnectionAsync(id, Ct);
        Assert.Equal(60, fresh.GetProperty("expires_in_days").GetInt32());
        Assert.False(fresh.GetProperty("token_expired").GetBoolean());

        app.Clock.Advance(TimeSpan.FromDays(53.5));
        var soon = await app.ConnectionAsync(id, Ct);
        var page = await (await app.SignInAsync(Ct)).GetStringAsync("/integrations/apps/linkedin", Ct);

        Assert.Equal(6, soon.GetProperty("expires_in_days").GetInt32());
        Assert.Contains("expires in 6 days", Block(page, id), StringComparison.Ordinal);
        Assert.DoesNotContain("Connect again", Block(page, id), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromDays(6.5));
        var expired = await app.ConnectionAsync(id, Ct);
        page = await (await app.SignInAsync(Ct)).GetStringAsync("/integrations/apps/linkedin", Ct);

        Assert.True(expired.GetProperty("token_expired").GetBoolean());
        Assert.Equal(0, expired.GetProperty("expires_in_days").GetInt32());
        Assert.Contains("expired", Block(page, id), StringComparison.Ordinal);
        Assert.Contains("Connect again", Block(page, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePost_Is409AndNeedsReauth_WithoutCallingLinkedIn_OnceTheTokenExpired()
    {
        var (_, _, id) = await app.ConnectAsync(Ct);
        app.Clock.Advance(TimeSpan.FromDays(60) + TimeSpan.FromMinutes(1));
        var calls = app.LinkedIn.Requests.Count(r => r.Path == FakeLinkedIn.PostsPath);

        using var response = await app.RunAsync(id, new { text = "Too late" }, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(calls, app.LinkedIn.Requests.Count(r => r.Path == FakeLinkedIn.PostsPath));
        Assert.Equal("needs_reauth", (await app.ConnectionAsync(id, Ct)).GetProperty("status").GetString());
    }

    /// <summary>The connection's block on the app page.</summary>
    private static string Block(string page, string id)
    {
        var start = page.IndexOf($"data-connection-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the page shows connection {id}");
        var end = page.IndexOf("</article>", start, StringComparison.Ordinal);
        return page[start..end];
    }
}
