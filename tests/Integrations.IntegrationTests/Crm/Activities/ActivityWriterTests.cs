using System.Diagnostics;
using System.Text.Json.Nodes;
using Integrations.Crm.Activities;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Crm.Activities;

/// <summary>The facade the connected apps' syncs record through.</summary>
public sealed class ActivityWriterTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private const string Connection = "cxn_0193a000000070008000000000000001";
    private static readonly ActivityMatching MatchOnly = new(false, ["ourco.com"]);
    private static readonly ActivityMatching CreateContacts = new(true, ["ourco.com"]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ActivityInput Email(string externalId, string subject = "Hello", params ActivityParticipant[] participants) => new()
    {
        Kind = "email",
        Channel = "gmail",
        Direction = "inbound",
        OccurredAt = new DateTimeOffset(2026, 5, 15, 10, 5, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567),
        Subject = subject,
        Text = "Body of " + externalId,
        ConnectionId = Connection,
        ExternalId = externalId,
        ThreadId = "t-1",
        Participants = participants,
    };

    [Fact]
    public async Task RecordAsync_StoresOnceAndAnnouncesOnce_WhenTheSameActivitiesAreRecordedAgain()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();
        ActivityInput[] page = [Email("m-1", participants: new ActivityParticipant("from", "ada@example.com", "Ada")), Email("m-2")];

        var first = await writer.RecordAsync(page, MatchOnly, Ct);
        var again = await writer.RecordAsync(page, MatchOnly, Ct);

        Assert.All(first, r => Assert.True(r.Created));
        Assert.All(again, r => Assert.False(r.Created));
        Assert.Equal(first.Select(r => r.Id), again.Select(r => r.Id));
        Assert.Equal(["m-1", "m-2"], again.Select(r => r.ExternalId));
        Assert.Equal(2, (await ListAsync(scope)).Count);
        Assert.Equal(["activity.created", "activity.created"], await EventsAsync(scope));
    }

    [Fact]
    public async Task RecordAsync_UpdatesAndAnnouncesTheChange_WhenTheProviderChangedIt()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();
        var first = await writer.RecordAsync([Email("m-1", "Draft")], MatchOnly, Ct);

        var second = await writer.RecordAsync([Email("m-1", "Final") with { Direction = null }], MatchOnly, Ct);

        Assert.Equal(first[0].Id, second[0].Id);
        Assert.False(second[0].Created);
        var stored = Assert.Single(await ListAsync(scope));
        Assert.Equal("Final", (string?)stored["subject"]);
        Assert.Null(stored["direction"]);
        Assert.Equal("2026-05-15T08:05:00.1234560+00:00", (string?)stored["occurred_at"]);
        Assert.Contains("activity.updated", await EventsAsync(scope));
    }

    [Fact]
    public async Task RecordAsync_MatchesParticipantsByEmailAndPhone_AndLinksTheCounterpartAndItsAccount()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var pipeline = scope.ServiceProvider.GetRequiredService<RecordPipeline>();
        var account = await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = "Analytical Engines" }, Ct);
        var colleague = await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["email"] = "me@ourco.com" }, Ct);
        var ada = await pipeline.CreateAsync(RecordTypes.Contact,
            new JsonObject { ["email"] = "Ada@Example.com", ["account_id"] = account.Record!["id"]!.DeepClone() }, Ct);
        var bob = await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["first_name"] = "Bob", ["phone"] = "+1 (555) 010-2000" }, Ct);

        await scope.ServiceProvider.GetRequiredService<ActivityWriter>().RecordAsync(
        [
            Email("m-1", participants:
            [
                new("from", "me@ourco.com", "Me"),
                new("to", "ADA@example.com", "Ada"),
                new("cc", null, "Bob", "1-555-010-2000"),
                new("cc", "stranger@example.net"),
                new("bcc", "not an address"),
            ]),
            Email("m-2", participants: [new("from", null, Phone: "+15550102000"), new("to", "me@ourco.com")]),
        ], MatchOnly, Ct);

        var stored = (await ListAsync(scope)).ToDictionary(a => (string)a["external_id"]!);
        var participants = stored["m-1"]["participants"]!.AsArray();
        Assert.Equal(4, participants.Count);
        Assert.Equal([colleague.Record!["id"]!.ToString(), ada.Record!["id"]!.ToString(), bob.Record!["id"]!.ToString(), null],
            participants.Select(p => (string?)p!["contact_id"]));
        Assert.Equal(ada.Record["id"]!.ToString(), (string?)stored["m-1"]["contact_id"]);
        Assert.Equal(account.Record["id"]!.ToString(), (string?)stored["m-1"]["account_id"]);
        Assert.Equal(bob.Record["id"]!.ToString(), (string?)stored["m-2"]["contact_id"]);
        Assert.Null(stored["m-2"]["account_id"]);
    }

    [Fact]
    public async Task RecordAsync_CreatesContactsForUnknownPeopleOnly_WhenAsked()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();
        ActivityParticipant[] people =
        [
            new("from", "Grace.Hopper@Navy.example", "Grace Brewster Hopper"),
            new("to", "me@ourco.com", "Me"),
            new("to", "sales@eu.ourco.com"),
            new("cc", "noreply@github.com", "GitHub"),
            new("cc", "no-reply+abc@accounts.example.com"),
            new("cc", "notifications@github.com"),
            new("cc", "MAILER-DAEMON@mx.example.com"),
            new("cc", "Lovelace@example.org", "Lovelace, Ada"),
            new("attendee", null, "Charles Babbage", "+44 20 7946 0000"),
            new("attendee", null, null, "+44 20 7946 0001"),
        ];

        await writer.RecordAsync([Email("m-1", participants: people)], MatchOnly, Ct);
        var withoutOption = await ContactsAsync(scope);
        await writer.RecordAsync([Email("m-1", participants: people), Email("m-2", participants: people)], CreateContacts, Ct);

        Assert.Empty(withoutOption);
        var contacts = await ContactsAsync(scope);
        Assert.Equal(
            ["Ada Lovelace lovelace@example.org ", "Charles Babbage  +44 20 7946 0000", "Grace Brewster Hopper grace.hopper@navy.example "],
            contacts.Select(c => $"{c["first_name"]} {c["last_name"]} {c["email"]} {c["phone"]}").Order());
        var activity = (await ListAsync(scope)).Single(a => (string?)a["external_id"] == "m-1");
        var grace = contacts.Single(c => (string?)c["email"] == "grace.hopper@navy.example");
        Assert.Equal((string?)grace["id"], (string?)activity["contact_id"]);
        Assert.Equal(3, activity["participants"]!.AsArray().Count(p => p!["contact_id"] is not null));
    }

    [Fact]
    public async Task RecordAsync_WritesInTheCallersTransaction_AndIsUndoneWithIt()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            var recorded = await writer.RecordAsync([Email("m-1", participants: new ActivityParticipant("from", "new@example.com"))], CreateContacts, Ct);
            Assert.True(recorded[0].Created);
            Assert.Single(await ListAsync(scope));
            await transaction.RollbackAsync(Ct);
        }

        Assert.Empty(await ListAsync(scope));
        Assert.Empty(await ContactsAsync(scope));
        Assert.Empty(await EventsAsync(scope));

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            await writer.RecordAsync([Email("m-1")], MatchOnly, Ct);
            await transaction.CommitAsync(Ct);
        }

        Assert.Single(await ListAsync(scope));
    }

    [Fact]
    public async Task RecordAsync_ReducesHtmlToText_WhenThereIsNoText()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();

        await scope.ServiceProvider.GetRequiredService<ActivityWriter>().RecordAsync(
        [
            Email("m-1") with { Text = null, Html = "<html><head><style>p{}</style></head><body><p>Hi&nbsp;Ada,</p><p>See <b>this</b>.</p><script>x()</script></body></html>" },
            Email("m-2") with { Text = "plain wins", Html = "<p>ignored</p>" },
            Email("m-3") with { Text = new string('x', 70_000), Subject = new string('s', 2_000) },
        ], MatchOnly, Ct);

        var stored = (await ListAsync(scope)).ToDictionary(a => (string)a["external_id"]!);
        Assert.Equal("Hi Ada,\n\nSee this.", (string?)stored["m-1"]["body"]);
        Assert.Equal("plain wins", (string?)stored["m-2"]["body"]);
        Assert.Equal(ActivityKinds.MaxBodyLength, ((string?)stored["m-3"]["body"])!.Length);
        Assert.Equal(998, ((string?)stored["m-3"]["subject"])!.Length);
    }

    [Fact]
    public async Task RecordAsync_RefusesInputOnlyABugProduces()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();

        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync([Email("m-1") with { Kind = "lunch" }], MatchOnly, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync([Email("m-1") with { ConnectionId = "gmail" }], MatchOnly, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => writer.RecordAsync([Email("")], MatchOnly, Ct));
        Assert.Empty(await ListAsync(scope));
    }

    [Fact]
    public async Task RecordAsync_RunsTheSameNumberOfStatements_WhateverTheBatchSize()
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.ActInNewWorkspaceAsync();
        var writer = scope.ServiceProvider.GetRequiredService<ActivityWriter>();
        ActivityInput Page(int i, int n) => Email($"m-{n}-{i}", participants:
            [new("from", $"person{i}@example.com", $"Person {i}"), new("to", "me@ourco.com"), new("cc", null, $"Caller {i}", $"+1 555 {i:D7}")]);

        var small = await CountStatementsAsync(() => writer.RecordAsync([.. Enumerable.Range(0, 3).Select(i => Page(i, 3))], CreateContacts, Ct));
        var large = await CountStatementsAsync(() => writer.RecordAsync([.. Enumerable.Range(0, 300).Select(i => Page(i, 300))], CreateContacts, Ct));

        Assert.True(small > 0);
        Assert.Equal(small, large);
        Assert.Equal(303, await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Integrations.Crm.Entities.Activity>().CountAsync(Ct));
    }

    private static async Task<int> CountStatementsAsync(Func<Task> act)
    {
        var count = 0;
        using var root = new Activity("record").Start();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = a =>
            {
                if (a.TraceId == root.TraceId)
                {
                    Interlocked.Increment(ref count);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await act();
        return count;
    }

    private static async Task<List<JsonObject>> ListAsync(AsyncServiceScope scope) =>
        [.. (await scope.ServiceProvider.GetRequiredService<RecordReader>().ListAsync(RecordTypes.Activity, new(), Ct)).Data];

    private static async Task<List<JsonObject>> ContactsAsync(AsyncServiceScope scope) =>
        [.. (await scope.ServiceProvider.GetRequiredService<RecordReader>().ListAsync(RecordTypes.Contact, new(), Ct)).Data
            .Where(c => (string?)c["email"] != "me@ourco.com")];

    private static async Task<List<string>> EventsAsync(AsyncServiceScope scope) =>
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>()
            .Where(e => EF.Functions.Like(e.Type, "activity.%") || EF.Functions.Like(e.Type, "record.%")).Select(e => e.Type).OrderBy(t => t).ToListAsync(Ct);
}
