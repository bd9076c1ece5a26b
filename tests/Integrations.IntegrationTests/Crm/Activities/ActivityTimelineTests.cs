using System.Net;
using System.Text.Json.Nodes;
using Integrations.Crm.Activities;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Crm.Activities;

/// <summary>Which activities a contact's, account's and deal's timeline and the inbox show, and in what order.</summary>
public sealed class ActivityTimelineTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private const string Gmail = "cxn_0193a000000070008000000000000001";
    private const string Slack = "cxn_0193a000000070008000000000000002";
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ActivityInput Input(string id, int hour, string kind = "email", string channel = "gmail", string connection = Gmail,
        string direction = "inbound", params ActivityParticipant[] people) => new()
    {
        Kind = kind, Channel = channel, Direction = direction, OccurredAt = Start.AddHours(hour), Subject = id,
        ConnectionId = connection, ExternalId = id, Participants = people,
    };

    [Fact]
    public async Task Timelines_ShowTheRecordsOwnAndItsContactsActivities_NewestFirst()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var account = (await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "Acme" }, Ct)).Id!.Value;
        var ada = (await pipeline.CreateAsync(RecordTypes.Contact,
            new JsonObject { ["email"] = "ada@acme.example", ["account_id"] = PublicId.Format("acc", account) }, Ct)).Id!.Value;
        var bob = (await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "bob@other.example" }, Ct)).Id!.Value;
        var deal = (await pipeline.CreateAsync(RecordTypes.Deal,
            new JsonObject { ["name"] = "Renewal", ["contact_id"] = PublicId.Format("con", bob) }, Ct)).Id!.Value;
        await scope.ServiceProvider.GetRequiredService<ActivityWriter>().RecordAsync(
        [
            Input("ada-cc", 1, people: [new("from", "me@ourco.com"), new("to", "bob@other.example"), new("cc", "ada@acme.example")]),
            Input("ada-from", 3, people: new ActivityParticipant("from", "ada@acme.example")),
            Input("bob-only", 2, people: new ActivityParticipant("from", "bob@other.example")),
            Input("nobody", 4, people: new ActivityParticipant("from", "stranger@example.net")),
        ], new ActivityMatching(false, ["ourco.com"]), Ct);
        await pipeline.CreateAsync(RecordTypes.Activity, new JsonObject
        {
            ["kind"] = "note", ["occurred_at"] = "2026-05-01T14:00:00Z", ["subject"] = "account-note", ["account_id"] = PublicId.Format("acc", account),
        }, Ct);
        await pipeline.CreateAsync(RecordTypes.Activity, new JsonObject
        {
            ["kind"] = "call", ["occurred_at"] = "2026-05-01T15:00:00Z", ["subject"] = "deal-call", ["deal_id"] = PublicId.Format("deal", deal),
        }, Ct);
        var timeline = scope.ServiceProvider.GetRequiredService<ActivityTimeline>();

        async Task<string[]> SubjectsAsync(RecordType type, Guid id) =>
            [.. (await timeline.ForRecordAsync(type, id, null, 20, Ct)).Data.Select(a => (string)a["subject"]!)];

        Assert.Equal(["ada-from", "ada-cc"], await SubjectsAsync(RecordTypes.Contact, ada));
        Assert.Equal(["bob-only", "ada-cc"], await SubjectsAsync(RecordTypes.Contact, bob));
        Assert.Equal(["account-note", "ada-from", "ada-cc"], await SubjectsAsync(RecordTypes.Account, account));
        Assert.Equal(["deal-call", "bob-only", "ada-cc"], await SubjectsAsync(RecordTypes.Deal, deal));
    }

    [Fact]
    public async Task Timeline_PagesOlderFromTheCursor_WithoutGapsOrRepeats()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var contact = (await scope.ServiceProvider.GetRequiredService<RecordPipeline>()
            .CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "many@example.com" }, Ct)).Id!.Value;
        // Some share a moment: the id breaks the tie, so no page repeats or skips one.
        await scope.ServiceProvider.GetRequiredService<ActivityWriter>().RecordAsync(
            [.. Enumerable.Range(0, 45).Select(i => Input($"m-{i:D2}", i / 3, people: new ActivityParticipant("from", "many@example.com")))],
            new ActivityMatching(false, []), Ct);
        var timeline = scope.ServiceProvider.GetRequiredService<ActivityTimeline>();

        var seen = new List<JsonObject>();
        Guid? before = null;
        do
        {
            var page = await timeline.ForRecordAsync(RecordTypes.Contact, contact, before, 20, Ct);
            seen.AddRange(page.Data);
            before = page.NextCursor is { } next && PublicId.TryParse("act", next, out var id) ? id : null;
        }
        while (before is not null);

        Assert.Equal(45, seen.Select(a => (string)a["id"]!).Distinct().Count());
        var moments = seen.Select(a => DateTimeOffset.Parse((string)a["occurred_at"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(moments.OrderDescending(), moments);
    }

    [Fact]
    public async Task Inbox_ListsEmailsAndMessagesOnly_FilteredByChannelConnectionDirectionAndContact()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var ada = (await scope.ServiceProvider.GetRequiredService<RecordPipeline>()
            .CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "ada@example.com" }, Ct)).Id!.Value;
        await scope.ServiceProvider.GetRequiredService<ActivityWriter>().RecordAsync(
        [
            Input("gmail-in", 1, people: new ActivityParticipant("from", "ada@example.com")),
            Input("gmail-out", 2, direction: "outbound"),
            Input("slack-msg", 3, kind: "message", channel: "slack", connection: Slack),
            Input("meeting", 4, kind: "meeting", channel: "google_calendar", people: new ActivityParticipant("attendee", "ada@example.com")),
        ], new ActivityMatching(false, []), Ct);
        var timeline = scope.ServiceProvider.GetRequiredService<ActivityTimeline>();

        async Task<string[]> InboxAsync(InboxFilter filter) =>
            [.. (await timeline.InboxAsync(filter, null, 20, Ct)).Data.Select(a => (string)a["subject"]!)];

        Assert.Equal(["slack-msg", "gmail-out", "gmail-in"], await InboxAsync(new()));
        Assert.Equal(["gmail-out", "gmail-in"], await InboxAsync(new(Channel: "gmail")));
        Assert.Equal(["slack-msg"], await InboxAsync(new(ConnectionId: Slack)));
        Assert.Equal(["gmail-out"], await InboxAsync(new(Direction: "outbound")));
        Assert.Equal(["gmail-in"], await InboxAsync(new(ContactId: ada)));
        Assert.Empty(await InboxAsync(new(Channel: "gmail", Direction: "outbound", ContactId: ada)));
    }

    [Fact]
    public async Task InboxPage_SaysToConnectAnApp_WhenThereIsNothingYet()
    {
        var client = await app.SignInAsync(Ct);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/inbox", Ct));
        var unknown = WebUtility.HtmlDecode(await client.GetStringAsync("/inbox?contact=nobody@example.com", Ct));

        Assert.Contains("No emails or messages yet. Connect Gmail or Outlook", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/integrations/apps\"", page, StringComparison.Ordinal);
        Assert.Contains("No contact has the id or email “nobody@example.com”.", unknown, StringComparison.Ordinal);
    }
}
