using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Integrations.Apps.Clients;
using Integrations.Platform.Callers;
using Integrations.Testing;
using Integrations.Testing.Fakes.Zoom;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Zoom;

/// <summary>Zoom's webhooks against the real app: a Zoom user connected through the consent round trip (the platform's
/// Zoom app, whose secret token is configured), requests signed here as Zoom signs them.</summary>
public sealed class ZoomWebhookTests(ZoomApp app) : IClassFixture<ZoomApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HttpClient zoom = app.CreateClient();

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task UrlValidation_AnswersThePlainTokenAndItsHmac_WithTheSecretThatSignedIt()
    {
        var own = "ws-token-" + Guid.NewGuid().ToString("N");
        await OwnSecretTokenAsync(await Keys.NewWorkspaceAsync(app), own);
        var body = ZoomRequests.UrlValidation("qgg8vlvZRS6UYooatFL8Aw");

        using var platform = await ZoomRequests.PostAsync(zoom, body, ZoomApp.SecretToken, Now, Ct);
        using var workspace = await ZoomRequests.PostAsync(zoom, body, own, Now, Ct);
        using var stranger = await ZoomRequests.PostAsync(zoom, body, "not-a-zoom-secret", Now, Ct);

        Assert.Equal(HttpStatusCode.OK, platform.StatusCode);
        Assert.Equal($$"""{"plainToken":"qgg8vlvZRS6UYooatFL8Aw","encryptedToken":"{{Hmac(ZoomApp.SecretToken, "qgg8vlvZRS6UYooatFL8Aw")}}"}""",
            await platform.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, workspace.StatusCode);
        Assert.Contains(Hmac(own, "qgg8vlvZRS6UYooatFL8Aw"), await workspace.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
    }

    [Fact]
    public async Task MeetingEnded_MarksTheMeetingEnded_AndEmitsOnce_EvenWhenZoomSendsItAgain()
    {
        var (account, key, id) = await app.ConnectAsync(Ct);
        var meeting = app.Api.Put(account, new FakeZoomMeeting("Renewal call", Now.AddMinutes(-50), 30));
        await app.RunSyncAsync(key);
        var body = ZoomRequests.MeetingEnded(account, meeting, Now.AddMinutes(-8));

        using var first = await ZoomRequests.PostAsync(zoom, body, ZoomApp.SecretToken, Now, Ct);
        using var retry = await ZoomRequests.PostAsync(zoom, body, ZoomApp.SecretToken, Now.AddSeconds(30), Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        var activity = Assert.Single(await app.ActivitiesAsync(id, Ct));
        Assert.Contains($"Ended {Now.AddMinutes(-8).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}Z after 42 minutes",
            activity.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains(meeting.JoinUrl, activity.GetProperty("body").GetString(), StringComparison.Ordinal); // what the sync wrote stays
        var (type, data) = Assert.Single(await app.EventsAsync(id));
        Assert.Equal("zoom.meeting_ended", type);
        Assert.Equal((activity.GetProperty("id").GetString(), meeting.Id.ToString(CultureInfo.InvariantCulture), 42),
            (data.GetProperty("activity_id").GetString(), data.GetProperty("meeting_id").GetString(), data.GetProperty("duration_minutes").GetInt32()));
    }

    [Fact]
    public async Task ParticipantJoined_AddsThemMatchedToTheirContact_AndEmitsOncePerParticipant()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        var bo = await app.ContactAsync($"bo.{Guid.NewGuid():N}@customer.example", Ct);
        var email = bo.GetProperty("email").GetString()!;
        var meeting = new FakeZoomMeeting("Instant meeting", Now.AddMinutes(-2), 60); // not synced: the webhook creates the activity
        var body = ZoomRequests.ParticipantJoined(account, meeting, "Bo Chen", email, Now.AddMinutes(-1));

        using var joined = await ZoomRequests.PostAsync(zoom, body, ZoomApp.SecretToken, Now, Ct);
        using var replay = await ZoomRequests.PostAsync(zoom, body, ZoomApp.SecretToken, Now.AddMinutes(2), Ct);
        using var other = await ZoomRequests.PostAsync(zoom,
            ZoomRequests.ParticipantJoined(account, meeting, "Cy", $"cy.{Guid.NewGuid():N}@customer.example", Now), ZoomApp.SecretToken, Now, Ct);

        Assert.All(new[] { joined, replay, other }, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var activity = Assert.Single(await app.ActivitiesAsync(id, Ct));
        Assert.Equal(("Instant meeting", bo.GetProperty("id").GetString()),
            (activity.GetProperty("subject").GetString(), activity.GetProperty("contact_id").GetString()));
        Assert.Equal(3, activity.GetProperty("participants").GetArrayLength()); // the host, Bo and Cy
        var events = await app.EventsAsync(id);
        Assert.Equal(["zoom.participant_joined", "zoom.participant_joined"], events.Select(e => e.Type));
        var first = events[0].Data;
        Assert.Equal((email, bo.GetProperty("id").GetString(), "Bo Chen"),
            (first.GetProperty("email").GetString(), first.GetProperty("contact_id").GetString(), first.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Events_Are401AndChangeNothing_WithAWrongSignature_OrAStaleTimestamp_OrNone()
    {
        var (account, _, id) = await app.ConnectAsync(Ct);
        var meeting = new FakeZoomMeeting("Demo", Now.AddMinutes(-40), 30);
        var body = ZoomRequests.MeetingEnded(account, meeting, Now);

        using var wrong = await ZoomRequests.PostAsync(zoom, body, "not-the-secret-token", Now, Ct);
        using var stale = await ZoomRequests.PostAsync(zoom, body, ZoomApp.SecretToken, Now.AddMinutes(-6), Ct);
        using var unsigned = await ZoomRequests.PostAsync(zoom, body, null, Now, Ct);

        Assert.All(new[] { wrong, stale, unsigned }, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Contains("five minutes", await stale.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await app.ActivitiesAsync(id, Ct));
        Assert.Empty(await app.EventsAsync(id));
    }

    [Fact]
    public async Task Events_GoOnlyToTheConnectionsOfTheirZoomAccount()
    {
        var (ana, _, anaId) = await app.ConnectAsync(Ct);
        var (other, _, otherId) = await app.ConnectAsync(Ct);
        var meeting = new FakeZoomMeeting("Ana's call", Now.AddMinutes(-30), 30);

        using var answer = await ZoomRequests.PostAsync(zoom, ZoomRequests.MeetingEnded(ana, meeting, Now), ZoomApp.SecretToken, Now, Ct);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Single(await app.EventsAsync(anaId));
        Assert.Empty(await app.EventsAsync(otherId));
        Assert.Empty(await app.ActivitiesAsync(otherId, Ct));
        Assert.NotEqual(FakeZoomIds.AccountId(ana), FakeZoomIds.AccountId(other));
    }

    private async Task OwnSecretTokenAsync(Guid workspaceId, string secretToken)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().Act(workspaceId, ActorType.User, "test-admin", "Test Admin", ChangeSource.Ui);
        await scope.ServiceProvider.GetRequiredService<AppClients>()
            .SaveAsync("zoom", new AppClientRequest("zoomClientId123", "client-secret-" + Guid.NewGuid().ToString("N"), secretToken), CancellationToken.None);
    }

    private static string Hmac(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
}
