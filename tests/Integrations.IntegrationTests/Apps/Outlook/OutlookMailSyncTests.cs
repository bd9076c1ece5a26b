using System.Text.Json;
using Integrations.Apps.Security;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Testing.Fakes.Graph;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Outlook;

/// <summary>Outlook's mail sync against the fake Graph: delta rounds over the inbox and sent items.</summary>
public sealed class OutlookMailSyncTests(OutlookApp app) : IClassFixture<OutlookApp>
{
    private const string InboxDelta = "/v1.0/me/mailFolders/inbox/messages/delta";
    private const string EmailReceived = "outlook.email_received";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstSync_ReadsInboxThenSentItemsPageByPage_AndStoresEachFoldersDeltaLink()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        var inbox = Enumerable.Range(1, 5).Select(i => outlook.Message($"Renewal {i}", ago: TimeSpan.FromHours(10 - i))).ToArray();
        outlook.Mailbox.Receive(inbox);
        outlook.Mailbox.Receive(outlook.Message("Too old", ago: TimeSpan.FromDays(40)));
        outlook.Mailbox.AddSent(new FakeGraphMessage
        {
            Subject = "Re: Renewal 1", From = new FakeAddress(outlook.Email), To = [new FakeAddress("carl@customer.example")],
            ContentType = "text", Body = "Sounds good.", ReceivedAt = app.Clock.GetUtcNow().AddMinutes(-5), ConversationId = inbox[0].ConversationId,
        });
        var before = app.Microsoft.Requests.Count(r => r.Path == InboxDelta);

        var syncs = await outlook.SyncAsync();

        var activities = await outlook.ActivitiesAsync();
        Assert.Equal(["Renewal 1", "Renewal 2", "Renewal 3", "Renewal 4", "Renewal 5", "Re: Renewal 1"], activities.Select(a => a.Subject));
        Assert.Equal([.. Enumerable.Repeat("inbound", 5), "outbound"], activities.Select(a => a.Direction));
        Assert.All(activities, a => Assert.Equal("email", a.Kind));
        Assert.Equal(inbox[0].Id, activities[0].ExternalId);
        Assert.Equal(inbox[0].ConversationId, activities[0].ThreadId);
        Assert.Equal(activities[0].ThreadId, activities[5].ThreadId);
        Assert.Equal("About Renewal 1", activities[0].Body?.Trim());
        var participants = JsonDocument.Parse(activities[0].Participants!).RootElement.EnumerateArray()
            .Select(p => (p.GetProperty("role").GetString(), p.GetProperty("email").GetString())).ToList();
        Assert.Equal([("from", "carl@customer.example"), ("to", outlook.Email), ("cc", "dora@customer.example")], participants);
        Assert.Equal(3, app.Microsoft.Requests.Count(r => r.Path == InboxDelta) - before);
        var checkpoint = JsonDocument.Parse((await outlook.CheckpointAsync("mail"))!).RootElement;
        Assert.Equal("inbox", checkpoint.GetProperty("folder").GetString());
        foreach (var folder in new[] { "inbox", "sentitems" })
        {
            Assert.Contains($"/mailFolders/{folder}/messages/delta?$deltatoken=", checkpoint.GetProperty(folder).GetProperty("delta").GetString());
            Assert.Equal(JsonValueKind.Null, checkpoint.GetProperty(folder).GetProperty("next").ValueKind);
        }

        Assert.Equal(6, syncs["mail"].GetProperty("items_synced").GetInt64());
        Assert.Equal(JsonValueKind.Null, syncs["mail"].GetProperty("last_error").ValueKind);
        Assert.Empty(await outlook.EventsAsync(EmailReceived));
    }

    [Fact]
    public async Task NextSync_ReadsOnlyWhatChanged_AndFiresEmailReceivedOnceForNewInboundMail()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        var old = outlook.Message("Old news");
        outlook.Mailbox.Receive(old, outlook.Message("Older news", ago: TimeSpan.FromDays(2)));
        await outlook.SyncAsync();
        var fresh = outlook.Message("Fresh question", ago: TimeSpan.Zero);
        outlook.Mailbox.Receive(fresh);
        outlook.Mailbox.Delete(old.Id);
        outlook.Mailbox.AddSent(new FakeGraphMessage { Subject = "Our answer", From = new FakeAddress(outlook.Email), To = [new FakeAddress("carl@customer.example")], ReceivedAt = app.Clock.GetUtcNow() });

        await outlook.SyncAsync();
        await outlook.SyncAsync();

        var activities = await outlook.ActivitiesAsync();
        Assert.Equal(["Fresh question", "Old news", "Older news", "Our answer"], activities.Select(a => a.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(1, outlook.Mailbox.InitialRounds(FakeMailbox.Inbox));
        var received = Assert.Single(await outlook.EventsAsync(EmailReceived));
        Assert.Equal(outlook.ConnectionId, received.GetProperty("connection_id").GetString());
        Assert.Equal(("outlook", outlook.Email), (received.GetProperty("app").GetString(), received.GetProperty("account").GetString()));
        Assert.Equal(("carl@customer.example", "Fresh question"), (received.GetProperty("from").GetString(), received.GetProperty("subject").GetString()));
        Assert.Equal(fresh.ConversationId, received.GetProperty("thread_id").GetString());
        Assert.StartsWith("act_", received.GetProperty("activity_id").GetString());
    }

    [Fact]
    public async Task ExpiredDeltaLink_StartsTheFolderOverWithAFullRound_WithoutDuplicates()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        outlook.Mailbox.Receive(outlook.Message("One"), outlook.Message("Two"), outlook.Message("Three"));
        await outlook.SyncAsync();
        outlook.Mailbox.ExpireDeltaTokens();
        outlook.Mailbox.Receive(outlook.Message("Four", ago: TimeSpan.Zero));

        var syncs = await outlook.SyncAsync();

        var activities = await outlook.ActivitiesAsync();
        Assert.Equal(["Four", "One", "Three", "Two"], activities.Select(a => a.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(4, activities.Select(a => a.ExternalId).Distinct().Count());
        Assert.Equal(2, outlook.Mailbox.InitialRounds(FakeMailbox.Inbox));
        Assert.Equal(2, outlook.Mailbox.InitialRounds(FakeMailbox.SentItems));
        Assert.Equal(JsonValueKind.Null, syncs["mail"].GetProperty("last_error").ValueKind);
        Assert.Equal("Four", Assert.Single(await outlook.EventsAsync(EmailReceived)).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task CrashMidSync_ResumesFromTheLastSavedPage_WithoutDuplicates()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        outlook.Mailbox.Receive([.. Enumerable.Range(1, 5).Select(i => outlook.Message($"Message {i}"))]);
        await outlook.QueueAsync();
        var syncId = await outlook.SyncIdAsync("mail");
        var release = new TaskCompletionSource();
        app.Microsoft.InjectFault(InboxDelta, FakeFault.Slow(TimeSpan.Zero));
        app.Microsoft.InjectFault(InboxDelta, FakeFault.HeldUntil(release.Task));
        using var crash = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // The process dies while the second page is in flight: the first is saved, the row is left running.
        var run = outlook.RunAsync(syncId, crash.Token);
        await WaitForAsync(async () => (await outlook.CheckpointAsync("mail"))?.Contains("$skiptoken=", StringComparison.Ordinal) == true);
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        release.SetResult();
        var storedAtCrash = (await outlook.ActivitiesAsync()).Count;
        var statusAtCrash = (await outlook.SyncsAsync())["mail"].GetProperty("status").GetString();
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await outlook.RunAsync(syncId, Ct);

        var activities = await outlook.ActivitiesAsync();
        Assert.Equal((2, "running"), (storedAtCrash, statusAtCrash));
        Assert.Equal(5, activities.Count);
        Assert.Equal(5, activities.Select(a => a.ExternalId).Distinct().Count());
        Assert.Equal(1, outlook.Mailbox.InitialRounds(FakeMailbox.Inbox));
        Assert.Equal("idle", (await outlook.SyncsAsync())["mail"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Throttled_StopsAtTheLastSavedPage_UntilRetryAfter_ThenGoesOn()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        outlook.Mailbox.Receive([.. Enumerable.Range(1, 5).Select(i => outlook.Message($"Message {i}"))]);
        app.Microsoft.InjectFault(InboxDelta, FakeFault.Slow(TimeSpan.Zero));
        app.Microsoft.InjectFault(InboxDelta, FakeFault.TooManyRequests(TimeSpan.FromSeconds(40)));

        var throttled = (await outlook.SyncAsync())["mail"];
        var storedWhileThrottled = (await outlook.ActivitiesAsync()).Count;
        var again = (await outlook.SyncAsync())["mail"];

        Assert.Contains("throttling", throttled.GetProperty("last_error").GetString());
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(40), throttled.GetProperty("next_run_at").GetDateTimeOffset());
        Assert.Equal(2, storedWhileThrottled);
        Assert.Equal(5, (await outlook.ActivitiesAsync()).Select(a => a.ExternalId).Distinct().Count());
        Assert.Equal(5, again.GetProperty("items_synced").GetInt64());
        Assert.Equal(1, outlook.Mailbox.InitialRounds(FakeMailbox.Inbox));
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshedDuringTheSync_AndTheRotatedRefreshTokenIsStored()
    {
        var outlook = await OutlookAccount.ConnectAsync(app);
        var (_, refreshToken) = await TokensAsync(outlook);
        var refreshes = app.Microsoft.Counters.TokenRequests("refresh_token");
        outlook.Mailbox.Receive(outlook.Message("After the break"));
        app.Clock.Advance(TimeSpan.FromMinutes(20));

        var syncs = await outlook.SyncAsync();

        var (expiresAt, rotated) = await TokensAsync(outlook);
        Assert.Equal("After the break", Assert.Single(await outlook.ActivitiesAsync()).Subject);
        Assert.Equal(JsonValueKind.Null, syncs["mail"].GetProperty("last_error").ValueKind);
        Assert.Equal(refreshes + 1, app.Microsoft.Counters.TokenRequests("refresh_token"));
        Assert.NotEqual(refreshToken, rotated);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(15), expiresAt);
    }

    private async Task<(DateTimeOffset?, string?)> TokensAsync(OutlookAccount outlook)
    {
        var connection = (await ConnectFlow.ConnectionsAsync(app, outlook.Email)).Single();
        await using var scope = app.Scope();
        var secrets = scope.ServiceProvider.GetRequiredService<AppSecrets>();
        return (connection.ExpiresAt, connection.RefreshTokenCiphertext is { } c ? secrets.Unprotect(c) : null);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500 && !await condition(); i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.True(await condition());
    }
}
