using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Security;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.Calendly;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Calendly;

/// <summary>Calendly's webhook: registered on connect, removed on disconnect, and its signed deliveries as contacts,
/// meetings and trigger events.</summary>
public sealed class CalendlyWebhookTests(CalendlyApp app) : IClassFixture<CalendlyApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task Connect_RegistersAnOrganizationWebhook_WithAKeyKeptEncryptedAndNeverShown()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);

        var subscription = app.Calendly.SubscriptionOf(account);
        Assert.NotNull(subscription);
        Assert.Equal(("organization", FakeCalendly.OrganizationUri(account)), (subscription.Scope, subscription.Organization));
        Assert.Equal(["invitee.created", "invitee.canceled"], subscription.Events);
        Assert.Equal($"http://localhost/api/v1/apps/calendly/webhook?connection={id}", subscription.CallbackUrl);
        Assert.Matches("^[0-9a-f]{64}$", subscription.SigningKey);
        var connection = Assert.Single(await app.ConnectionsAsync(), c => c.Id == key);
        Assert.DoesNotContain(subscription.SigningKey!, connection.Settings, StringComparison.Ordinal);
        await using (var scope = app.Scope())
        {
            var stored = JsonDocument.Parse(connection.Settings).RootElement.GetProperty("_webhook_signing_key").GetString();
            Assert.Equal(subscription.SigningKey, scope.ServiceProvider.GetRequiredService<AppSecrets>().Unprotect(stored!));
        }

        var reader = app.Client((await Keys.IssueAsync(app, ["apps:read"])).Key);
        var view = await reader.GetStringAsync($"/api/v1/connections/{id}", Ct);
        Assert.DoesNotContain("_webhook", view, StringComparison.Ordinal);
        Assert.Equal(FakeCalendly.UserUri(account), connection.Account);
        Assert.True(JsonDocument.Parse(view).RootElement.GetProperty("settings").GetProperty("create_contacts").GetBoolean());
    }

    [Fact]
    public async Task Connect_KeepsTheConnectionWithTheError_WhenCalendlyRefusesTheWebhook_AndTheSyncRegistersItLater()
    {
        app.Calendly.RefuseSubscriptionsWith = "Please upgrade to a paid Calendly account.";
        (Integrations.Testing.Fakes.OAuth.FakeAccount Account, Guid Key, string Id, string Page) connected;
        try
        {
            connected = await app.ConnectAsync(Ct);
        }
        finally
        {
            app.Calendly.RefuseSubscriptionsWith = null;
        }

        Assert.Contains("Please upgrade to a paid Calendly account.", connected.Page, StringComparison.Ordinal);
        Assert.Null(app.Calendly.SubscriptionOf(connected.Account));
        var connection = Assert.Single(await app.ConnectionsAsync(), c => c.Id == connected.Key);
        Assert.Equal("active", connection.Status);
        Assert.Contains("did not register the webhook", connection.LastError, StringComparison.Ordinal);

        await app.RunSyncAsync(connected.Key);

        Assert.NotNull(app.Calendly.SubscriptionOf(connected.Account));
        Assert.Null(Assert.Single(await app.ConnectionsAsync(), c => c.Id == connected.Key).LastError);
    }

    [Fact]
    public async Task Disconnect_DeletesTheSubscription_AndLaterDeliveriesAre410()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var subscription = app.Calendly.SubscriptionOf(account)!;
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);

        using (var disconnected = await writer.DeleteAsync($"/api/v1/connections/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        }

        Assert.Null(app.Calendly.SubscriptionOf(account));
        var (scheduled, invitee) = Booking();
        using var late = await app.DeliverAsync(FakeCalendly.Delivery(subscription, "invitee.created", scheduled, invitee, Now));
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    [Fact]
    public async Task InviteeCreated_BecomesAContactWithAMeeting_AndIsAnnouncedOnce_EvenWhenDeliveredTwice()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var (scheduled, invitee) = Booking();
        var delivery = FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now);

        using (var first = await app.DeliverAsync(delivery))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var again = await app.DeliverAsync(delivery))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var contact = Assert.Single(await app.ContactsAsync(invitee.Email));
        var meeting = Assert.Single(await app.ActivitiesAsync(id));
        Assert.Equal(("meeting", "Discovery call", $"{scheduled.Uri}/invitees/{invitee.Uuid}"),
            (meeting.GetProperty("kind").GetString(), meeting.GetProperty("subject").GetString(), meeting.GetProperty("external_id").GetString()));
        Assert.Equal(contact.GetProperty("id").GetString(), meeting.GetProperty("contact_id").GetString());
        var body = meeting.GetProperty("body").GetString()!;
        Assert.Contains($"Ends: {scheduled.End.UtcDateTime:yyyy-MM-dd HH:mm} UTC", body, StringComparison.Ordinal);
        Assert.Contains("Join: https://calendly.zoom.us/j/98765", body, StringComparison.Ordinal);
        Assert.Contains("What should we cover?\nPricing for 40 seats", body, StringComparison.Ordinal);
        Assert.Contains("host@sentinel.example", meeting.GetProperty("participants").GetRawText(), StringComparison.Ordinal);
        var created = Assert.Single(await app.EventsAsync(EventCatalog.CalendlyInviteeCreated, id));
        Assert.Equal((invitee.Email, "Discovery call", meeting.GetProperty("id").GetString()),
            (created.GetProperty("email").GetString(), created.GetProperty("event_name").GetString(), created.GetProperty("activity_id").GetString()));
    }

    [Fact]
    public async Task InviteeCanceled_UpdatesTheSameMeeting_AndIsAnnouncedOnce()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var subscription = app.Calendly.SubscriptionOf(account)!;
        var (scheduled, invitee) = Booking();
        (await app.DeliverAsync(FakeCalendly.Delivery(subscription, "invitee.created", scheduled, invitee, Now))).Dispose();
        invitee.Status = "canceled";
        invitee.Cancellation = ("Bo Chen", "Found another vendor", "invitee");
        var canceled = FakeCalendly.Delivery(subscription, "invitee.canceled", scheduled, invitee, Now);

        (await app.DeliverAsync(canceled)).Dispose();
        using (var again = await app.DeliverAsync(canceled))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var meeting = Assert.Single(await app.ActivitiesAsync(id));
        Assert.Equal("Canceled: Discovery call", meeting.GetProperty("subject").GetString());
        Assert.Contains("Canceled by Bo Chen: Found another vendor", meeting.GetProperty("body").GetString(), StringComparison.Ordinal);
        var announced = Assert.Single(await app.EventsAsync(EventCatalog.CalendlyInviteeCanceled, id));
        Assert.Equal("Found another vendor", announced.GetProperty("cancel_reason").GetString());
        Assert.Single(await app.EventsAsync(EventCatalog.CalendlyInviteeCreated, id));
    }

    [Fact]
    public async Task Delivery_Is401AndRecordsNothing_WhenSignedWithAnotherKey()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var (scheduled, invitee) = Booking();
        var forged = FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now, key: new string('a', 64));

        using var response = await app.DeliverAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signing key", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.ActivitiesAsync(id));
    }

    [Fact]
    public async Task Delivery_IsAccepted_WhenSignedWithTheOAuthAppsConfiguredKey()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var (scheduled, invitee) = Booking();
        var signed = FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now, key: CalendlyApp.AppSigningKey);

        using var response = await app.DeliverAsync(signed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await app.ActivitiesAsync(id));
    }

    [Fact]
    public async Task Delivery_Is401_WhenSignedWithTheAppsKeyForAnotherUsersSubscription()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var (scheduled, invitee) = Booking();
        var others = app.Calendly.SubscriptionOf(account)! with { Creator = "https://api.calendly.com/users/SOMEONEELSE00000" };

        using var response = await app.DeliverAsync(FakeCalendly.Delivery(others, "invitee.created", scheduled, invitee, Now, key: CalendlyApp.AppSigningKey));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await app.ActivitiesAsync(id));
    }

    [Fact]
    public async Task Delivery_Is401AndRecordsNothing_WhenItsTimestampIsMoreThanThreeMinutesOld()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var (scheduled, invitee) = Booking();
        var stale = FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now.AddMinutes(-3).AddSeconds(-5));
        var fresh = FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now.AddMinutes(-2).AddSeconds(-50));

        using var refused = await app.DeliverAsync(stale);
        using var accepted = await app.DeliverAsync(fresh);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("three minutes", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Single(await app.ActivitiesAsync(id));
    }

    [Fact]
    public async Task Delivery_Is401_WithoutTheSignatureHeader()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var (scheduled, invitee) = Booking();
        var delivery = FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now) with { Signature = "" };

        using var response = await app.DeliverAsync(delivery);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await app.ActivitiesAsync(id));
    }

    [Fact]
    public async Task InviteeCreated_MakesNoContact_WhenTheConnectionsCreateContactsIsOff()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var writer = app.Client((await Keys.IssueAsync(app, ["apps:write"])).Key);
        using (var changed = await writer.PatchAsJsonAsync($"/api/v1/connections/{id}", new { settings = new { create_contacts = false } }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        var (scheduled, invitee) = Booking();
        using var delivered = await app.DeliverAsync(FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Empty(await app.ContactsAsync(invitee.Email));
        var meeting = Assert.Single(await app.ActivitiesAsync(id));
        Assert.Contains(invitee.Email, meeting.GetProperty("participants").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InviteeCreated_IsStillRecorded_WhileTheConnectionNeedsConnectingAgain()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        await using (var scope = app.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Integrations.Platform.Data.IntegrationsDbContext>();
            await db.Database.ExecuteSqlAsync($"UPDATE app_connections SET status = 'needs_reauth' WHERE id = {key}", Ct);
        }

        var (scheduled, invitee) = Booking();
        using var delivered = await app.DeliverAsync(FakeCalendly.Delivery(app.Calendly.SubscriptionOf(account)!, "invitee.created", scheduled, invitee, Now));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Single(await app.ActivitiesAsync(id));
        Assert.Single(await app.EventsAsync(EventCatalog.CalendlyInviteeCreated, id));
    }

    private (FakeScheduledEvent Scheduled, FakeInvitee Invitee) Booking()
    {
        var scheduled = new FakeScheduledEvent("Discovery call", Now.AddDays(2), Now.AddDays(2).AddMinutes(30))
        {
            Location = new { type = "zoom", status = "pushed", join_url = "https://calendly.zoom.us/j/98765" },
        };
        scheduled.Hosts.Add(("host@sentinel.example", "Hana Host"));
        var invitee = new FakeInvitee($"bo.{Guid.NewGuid():N}@customer.example", "Bo Chen")
        {
            Answers = [("What should we cover?", "Pricing for 40 seats"), ("Phone", "+351 912 345 678")],
        };
        scheduled.Invitees.Add(invitee);
        return (scheduled, invitee);
    }
}
