using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Testing;
using Integrations.Testing.Fakes.Gmail;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>The Gmail messages sync against the fake Gmail API: the backfill window, paging, history, resync, crashes,
/// throttling, expired tokens, and what a synced email does on the timeline and to webhooks.</summary>
public sealed class GmailSyncTests(GmailApp app) : IClassFixture<GmailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstSync_ImportsTheWindowsMessagesAsEmails_AndNotOlderOnesNorSpam()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        var recent = box.Receive("Bo Customer <bo@customer.example>", "Renewal", TimeSpan.FromDays(1));
        var older = box.Receive("cy@customer.example", "Pricing", TimeSpan.FromDays(29));
        box.Receive("old@customer.example", "Too old", TimeSpan.FromDays(31));
        box.Mailbox.Add(new FakeEmail("spam@spam.example", box.Email, "Win", app.Clock.GetUtcNow().AddHours(-1)) { Labels = ["SPAM"] });
        var sent = box.Mailbox.Add(new FakeEmail(box.Email, "Bo Customer <bo@customer.example>, Dee <dee@customer.example>", "Re: Renewal",
            app.Clock.GetUtcNow().AddHours(-2)) { Labels = ["SENT"], ThreadId = recent.ThreadId, Cc = "cy@customer.example", Text = "Sounds good." });

        var sync = await box.SyncAsync();

        var activities = await box.ActivitiesAsync();
        Assert.Null(sync.LastError);
        Assert.Equal([sent.Id, recent.Id, older.Id], activities.OrderByDescending(a => DateTimeOffset.Parse((string)a["occurred_at"]!, CultureInfo.InvariantCulture))
            .Select(a => (string?)a["external_id"]));
        var reply = activities.Single(a => (string?)a["external_id"] == sent.Id);
        Assert.Equal(("email", "gmail", "outbound", "Re: Renewal", recent.ThreadId),
            ((string?)reply["kind"], (string?)reply["channel"], (string?)reply["direction"], (string?)reply["subject"], (string?)reply["thread_id"]));
        Assert.Equal(box.Id, (string?)reply["connection_id"]);
        Assert.Contains("Sounds good.", (string?)reply["body"], StringComparison.Ordinal);
        Assert.Equal(["from " + box.Email, "to bo@customer.example", "to dee@customer.example", "cc cy@customer.example"],
            reply["participants"]!.AsArray().Select(p => $"{p!["role"]} {p["email"]}"));
        var inbound = activities.Single(a => (string?)a["external_id"] == recent.Id);
        Assert.Equal("inbound", (string?)inbound["direction"]);
        Assert.Equal("Bo Customer", (string?)inbound["participants"]![0]!["name"]);
        Assert.Equal(recent.InternalDate, DateTimeOffset.Parse((string)inbound["occurred_at"]!, CultureInfo.InvariantCulture));
        Assert.Empty(await box.EmailReceivedEventsAsync()); // connecting a mailbox is not 30 days of new mail
        Assert.Equal(3, sync.ItemsSynced);
    }

    [Fact]
    public async Task BackfillDays_NarrowsTheFirstSyncsWindow()
    {
        var box = await ConnectedMailbox.ConnectAsync(app, new { backfill_days = 7 });
        var inside = box.Receive("bo@customer.example", "This week", TimeSpan.FromDays(6));
        box.Receive("bo@customer.example", "Last month", TimeSpan.FromDays(8));

        await box.SyncAsync();

        Assert.Equal([inside.Id], (await box.ActivitiesAsync()).Select(a => (string?)a["external_id"]));
    }

    [Fact]
    public async Task FirstSync_ReadsEveryPage_AndSyncingAgainStoresNothingTwiceNorAnnouncesAgain()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        for (var i = 0; i < 230; i++)
        {
            box.Receive($"sender{i}@customer.example", $"Message {i}", TimeSpan.FromMinutes(10 + i));
        }

        var mark = box.Mark();
        await box.SyncAsync();
        var first = box.RequestsSince(mark);
        var again = await box.SyncAsync();

        Assert.Equal(230, (await box.ActivitiesAsync()).Select(a => (string?)a["external_id"]).Distinct().Count());
        Assert.Equal(3, first.Count(r => r.StartsWith("GET /gmail/v1/users/me/messages 200", StringComparison.Ordinal)));
        Assert.Equal(230, first.Count(r => r.StartsWith("GET /gmail/v1/users/me/messages/", StringComparison.Ordinal)));
        Assert.Empty(await box.EmailReceivedEventsAsync());
        Assert.Equal(230, again.ItemsSynced);
        Assert.Null(again.LastError);
    }

    [Fact]
    public async Task ARunThatSpendsItsPageBudget_QueuesTheNextAtOnce_WhichFinishesTheBackfill()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        for (var i = 0; i < 350; i++)
        {
            box.Receive($"sender{i}@customer.example", $"Message {i}", TimeSpan.FromMinutes(10 + i));
        }

        var first = await box.SyncAsync();
        var afterFirst = (await box.ActivitiesAsync()).Count;
        var handedOver = await box.EnqueuedRunsAsync();
        var second = await box.RunQueuedAsync();

        // Three pages of 100 a run (GmailApp's budget): the first run hands over instead of waiting for the schedule.
        Assert.Equal((SyncStatus.Queued, 300, 2), (first.Status, afterFirst, handedOver)); // "Sync now"'s run, and the next
        Assert.Equal(2, await box.EnqueuedRunsAsync()); // the last run queues none
        Assert.True(first.NextRunAt <= app.Clock.GetUtcNow());
        Assert.Equal((SyncStatus.Idle, 350, (string?)null), (second.Status, second.ItemsSynced, second.LastError));
        Assert.Equal(350, (await box.ActivitiesAsync()).Select(a => (string?)a["external_id"]).Distinct().Count());
        Assert.True(second.NextRunAt > app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task NextSync_PicksUpANewMessageThroughTheHistory_WithoutListingTheWindowAgain()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        box.Receive("bo@customer.example", "First", TimeSpan.FromHours(3));
        await box.SyncAsync();
        var added = box.Receive("cy@customer.example", "Second", TimeSpan.FromMinutes(1));

        var mark = box.Mark();
        await box.SyncAsync();

        var requests = box.RequestsSince(mark);
        Assert.Contains(requests, r => r.StartsWith("GET /gmail/v1/users/me/history 200", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, r => r.StartsWith("GET /gmail/v1/users/me/messages 200", StringComparison.Ordinal));
        Assert.Equal(["First", "Second"], (await box.ActivitiesAsync()).Select(a => (string?)a["subject"]));
        var announced = Assert.Single(await box.EmailReceivedEventsAsync());
        Assert.Equal(("cy@customer.example", "Second", added.ThreadId), ((string?)announced["from"], (string?)announced["subject"], (string?)announced["thread_id"]));
    }

    [Fact]
    public async Task ExpiredHistory_ReadsTheWindowAgain_WithoutDuplicatesOrRepeatedEvents()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        for (var i = 0; i < 3; i++)
        {
            box.Receive("bo@customer.example", $"Before {i}", TimeSpan.FromDays(i + 1));
        }

        await box.SyncAsync();
        box.Receive("cy@customer.example", "After", TimeSpan.FromMinutes(5));
        box.Mailbox.ExpireHistory();

        var mark = box.Mark();
        var sync = await box.SyncAsync();

        var requests = box.RequestsSince(mark);
        Assert.Contains(requests, r => r.StartsWith("GET /gmail/v1/users/me/history 404", StringComparison.Ordinal));
        Assert.Contains(requests, r => r.StartsWith("GET /gmail/v1/users/me/messages 200", StringComparison.Ordinal));
        Assert.Null(sync.LastError);
        Assert.Equal(4, (await box.ActivitiesAsync()).Select(a => (string?)a["external_id"]).Distinct().Count());
        Assert.Equal(4, (await box.ActivitiesAsync()).Count);
        Assert.Equal("After", (string?)Assert.Single(await box.EmailReceivedEventsAsync())["subject"]);

        // The history id taken at the resync is the one Gmail keeps now: the next run reads the history again.
        box.Receive("dee@customer.example", "Later", TimeSpan.Zero);
        await box.SyncAsync();
        Assert.Equal(5, (await box.ActivitiesAsync()).Count);
    }

    [Fact]
    public async Task CrashAfterTwoPages_ResumesFromItsCheckpoint_WithoutReadingOrStoringAnythingTwice()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        var messages = Enumerable.Range(0, 250).Select(i => box.Receive("bo@customer.example", $"Message {i}", TimeSpan.FromMinutes(10 + i))).ToList();
        // Newest first, 100 a page: the first message of page 3 fails, as if the process died there.
        app.Google.InjectFault($"/gmail/v1/users/me/messages/{messages[200].Id}", FakeFault.ServerError());

        var mark = box.Mark();
        var failed = await box.SyncAsync();
        var afterCrash = (await box.ActivitiesAsync()).Count;
        var resumed = await box.SyncAsync();

        Assert.NotNull(failed.LastError);
        Assert.Equal(200, afterCrash);
        Assert.Equal(250, (await box.ActivitiesAsync()).Select(a => (string?)a["external_id"]).Distinct().Count());
        Assert.Equal(250, resumed.ItemsSynced);
        var requests = box.RequestsSince(mark);
        Assert.Equal(4, requests.Count(r => r.StartsWith("GET /gmail/v1/users/me/messages 200", StringComparison.Ordinal)));
        Assert.Single(requests, r => r.StartsWith("GET /gmail/v1/users/me/profile", StringComparison.Ordinal));
        Assert.All(messages.Take(200), m => Assert.Single(requests, r => r == $"GET /gmail/v1/users/me/messages/{m.Id} 200"));
        Assert.Empty(await box.EmailReceivedEventsAsync());
    }

    [Fact]
    public async Task Throttling_EndsTheRun_WithTheNextRunAfterRetryAfter_WhichGoesOnFromThere()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        var messages = Enumerable.Range(0, 150).Select(i => box.Receive("bo@customer.example", $"Message {i}", TimeSpan.FromMinutes(10 + i))).ToList();
        app.Google.InjectFault($"/gmail/v1/users/me/messages/{messages[100].Id}", FakeFault.TooManyRequests(TimeSpan.FromSeconds(40)));

        var throttled = await box.SyncAsync();
        var stored = (await box.ActivitiesAsync()).Count;
        app.Clock.Advance(TimeSpan.FromSeconds(41));
        var resumed = await box.SyncAsync();

        Assert.Equal(100, stored);
        Assert.Equal(throttled.FinishedAt!.Value.AddSeconds(40), throttled.NextRunAt);
        Assert.Contains("throttling", throttled.LastError, StringComparison.Ordinal);
        Assert.Equal(150, (await box.ActivitiesAsync()).Count);
        Assert.Equal(150, resumed.ItemsSynced);
    }

    [Fact]
    public async Task AnAccessTokenGmailNoLongerTakes_IsRefreshed_AndTheSyncGoesOn()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        box.Receive("bo@customer.example", "One", TimeSpan.FromHours(1));
        box.Receive("cy@customer.example", "Two", TimeSpan.FromHours(2));
        var refreshes = app.Google.Counters.TokenRequests("refresh_token");
        // Google's clock passes the token's hour; ours still thinks it fresh, so Gmail answers 401.
        app.ProviderClock.Advance(TimeSpan.FromHours(2));

        var mark = box.Mark();
        var sync = await box.SyncAsync();

        Assert.Null(sync.LastError);
        Assert.Contains("GET /gmail/v1/users/me/profile 401", box.RequestsSince(mark));
        Assert.True(app.Google.Counters.TokenRequests("refresh_token") > refreshes);
        Assert.Equal(2, (await box.ActivitiesAsync()).Count);
    }

    [Fact]
    public async Task EmailFromAKnownContact_IsOnTheirTimeline_AndFiresActivityCreatedAndEmailReceived()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = Arrange.Secret();
        await Arrange.SubscriptionAsync(app, box.Connection.WorkspaceId, receiver.Add("gmail", [secret]), ["activity.created", "gmail.email_received"], secret);
        var customer = $"bo.{Guid.NewGuid():N}@customer.example";
        var created = await box.Api.PostAsJsonAsync("/api/v1/records/contact", new { email = customer, first_name = "Bo" }, Ct);
        var contactId = (string?)(await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"];
        await box.SyncAsync(); // the first sync backfills (announcing nothing); this message arrives after it
        var message = box.Receive($"Bo <{customer}>", "Can we talk about the renewal?", TimeSpan.FromMinutes(3));

        await box.SyncAsync();

        var timeline = await box.ActivitiesAsync($"contact_id={contactId}");
        var activity = Assert.Single(timeline);
        Assert.Equal(message.Id, (string?)activity["external_id"]);
        var posts = await receiver.WaitForAsync("gmail", r => r.Count >= 2);
        var events = posts.Select(p => JsonNode.Parse(p.Body)!).ToDictionary(e => (string)e["event"]!);
        Assert.Equal((string?)activity["id"], (string?)events["activity.created"]["data"]!["record"]!["id"]);
        var received = events["gmail.email_received"]["data"]!;
        Assert.Equal((box.Id, "gmail", box.Email, (string?)activity["id"], customer, "Can we talk about the renewal?", message.ThreadId),
            ((string?)received["connection_id"], (string?)received["app"], (string?)received["account"], (string?)received["activity_id"],
                (string?)received["from"], (string?)received["subject"], (string?)received["thread_id"]));
        Assert.All(posts, p => Assert.True(p.StandardSignatureValid));
    }
}
