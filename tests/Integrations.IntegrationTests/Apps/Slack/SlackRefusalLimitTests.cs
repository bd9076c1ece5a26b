using System.Globalization;
using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.Slack;

/// <summary>Refused Slack event requests count against the sender's address per team, as Slack sends every team's events
/// from the same addresses; teams no workspace knows count together, so guessing team ids gains nothing.</summary>
public sealed class SlackRefusalLimitTests(ProxiedSentinelApp app) : IClassFixture<ProxiedSentinelApp>
{
    private const int Limit = ProxiedSentinelApp.RefusalsPerMinute;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_Answer429_ForATeamAnAddressFailedTooOften_AndStillTakeOtherTeamsEventsFromIt()
    {
        var (failing, failingSecret) = await ConnectedTeamAsync();
        var (other, otherSecret) = await ConnectedTeamAsync();
        var shared = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit, _ => SendAsync(shared, SlackRequests.Message(failing, "C0X", "hi"), "not-the-secret"));

        using var blocked = await SendAsync(shared, SlackRequests.Message(failing, "C0X", "hi"), failingSecret);
        var retryAfter = app.SecondsLeftInMinute();
        using var otherTeam = await SendAsync(shared, SlackRequests.Message(other, "C0X", "hi"), otherSecret);
        using var elsewhere = await SendAsync(ProxiedSentinelApp.NewClientAddress(), SlackRequests.Message(failing, "C0X", "hi"), failingSecret);
        app.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        using var nextMinute = await SendAsync(shared, SlackRequests.Message(failing, "C0X", "hi"), failingSecret);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await blocked.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(retryAfter.ToString(CultureInfo.InvariantCulture), blocked.Headers.GetValues("Retry-After").Single());
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK), (otherTeam.StatusCode, elsewhere.StatusCode, nextMinute.StatusCode));
    }

    [Fact]
    public async Task Events_Answer429_ToAnAddressGuessingTeamIds_AndToItsRequestsNamingNoTeam_ButNotForAKnownTeam()
    {
        var (known, knownSecret) = await ConnectedTeamAsync();
        var guesser = ProxiedSentinelApp.NewClientAddress();
        var refused = await Repeated.StatusesAsync(Limit, _ => SendAsync(guesser, SlackRequests.Message(NewTeam(), "C0X", "hi"), "guess"));

        using var anotherGuess = await SendAsync(guesser, SlackRequests.Message(NewTeam(), "C0X", "hi"), "guess");
        using var noTeam = await SendAsync(guesser, SlackRequests.UrlVerification("challenge"), knownSecret);
        using var knownTeam = await SendAsync(guesser, SlackRequests.Message(known, "C0X", "hi"), knownSecret);

        Assert.All(refused, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        await anotherGuess.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        await noTeam.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, knownTeam.StatusCode);
    }

    private static string NewTeam() => "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    /// <summary>A team connected in a workspace of its own, whose Slack client has a signing secret of its own.</summary>
    private async Task<(string Team, string Secret)> ConnectedTeamAsync()
    {
        var (team, secret) = (NewTeam(), "signing-" + Guid.NewGuid().ToString("N"));
        var workspace = await SlackArrange.WorkspaceWithSigningSecretAsync(app, secret);
        await SlackArrange.ConnectAsync(app, workspace, team);
        return (team, secret);
    }

    private async Task<HttpResponseMessage> SendAsync(string address, string body, string secret)
    {
        using var client = app.ClientFrom(address, null);
        return await SlackRequests.PostAsync(client, body, secret, app.Clock.GetUtcNow(), Ct);
    }
}
