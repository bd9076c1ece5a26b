using System.Text.Json.Nodes;
using Integrations.Crm.Activities;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Callers;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Records;

/// <summary>The timeline on contact, account and deal pages, and the inbox, with activities a sync recorded.</summary>
public sealed class ActivityPagesTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string Gmail = "cxn_0193a000000070008000000000000001";
    private const string Outlook = "cxn_0193a000000070008000000000000002";

    [Fact]
    public async Task ContactAccountAndDealPages_ShowTheTimeline_NewestFirst_WithOlderPages()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (contact, account, deal) = await ArrangeAsync(async (pipeline, writer) =>
        {
            var account = (await pipeline.CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = $"Analytical Engines {tag}" }, default)).Id!.Value;
            var contact = (await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject
            {
                ["first_name"] = "Ada", ["last_name"] = "Lovelace", ["email"] = $"ada.{tag}@engines.example", ["account_id"] = PublicId.Format("acc", account),
            }, default)).Id!.Value;
            var deal = (await pipeline.CreateAsync(RecordTypes.Deal, new JsonObject
            {
                ["name"] = $"Engine order {tag}", ["contact_id"] = PublicId.Format("con", contact),
            }, default)).Id!.Value;
            await writer.RecordAsync([.. Enumerable.Range(1, 24).Select(i => new ActivityInput
            {
                Kind = i % 5 == 0 ? "meeting" : "email",
                Channel = i % 5 == 0 ? "google_calendar" : "gmail",
                Direction = i % 2 == 0 ? "outbound" : "inbound",
                OccurredAt = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero).AddHours(i),
                Subject = i == 24 ? "Re: the difference engine, final numbers" : $"Note {i:D2} about the engine",
                Html = $"<p>Dear Ada,</p><p>Here are the <b>numbers</b> for part {i}. Best, Charles</p>",
                ConnectionId = Gmail,
                ExternalId = $"{tag}-{i}",
                Participants = [new("from", "me@ourco.example", "Charles Babbage"), new("to", $"ada.{tag}@engines.example", "Ada Lovelace")],
            })], new ActivityMatching(false, ["ourco.example"]), default);
            return (contact, account, deal);
        });
        var page = await app.SignedInPageAsync();

        await page.GotoAsync($"/records/contact/{PublicId.Format("con", contact)}");
        var timeline = page.Locator("#timeline");
        var entries = timeline.Locator(".timeline-entry");
        await Assertions.Expect(entries).ToHaveCountAsync(20);
        await Assertions.Expect(entries.First).ToContainTextAsync("Re: the difference engine, final numbers");
        await Assertions.Expect(entries.First).ToContainTextAsync("Dear Ada, Here are the numbers for part 24.");
        await Assertions.Expect(entries.First).ToContainTextAsync("→ Outbound");
        await Assertions.Expect(entries.First).ToContainTextAsync("gmail");
        await Assertions.Expect(entries.First.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" })).ToBeVisibleAsync();
        await Assertions.Expect(timeline.Locator(".timeline-entry[data-kind=meeting]").First).ToContainTextAsync("Meeting");
        await Screenshots.SaveAsync(page, "timeline-contact");
        await timeline.GetByRole(AriaRole.Link, new() { Name = "Older →" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(4);
        await Assertions.Expect(entries.Last).ToContainTextAsync("Note 01 about the engine");
        await Assertions.Expect(timeline.GetByRole(AriaRole.Link, new() { Name = "Older →" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/records/account/{PublicId.Format("acc", account)}");
        await Assertions.Expect(entries.First).ToContainTextAsync("Re: the difference engine, final numbers");
        await page.GotoAsync($"/records/deal/{PublicId.Format("deal", deal)}");
        await Assertions.Expect(entries).ToHaveCountAsync(20);
        await Screenshots.SaveAsync(page, "timeline-deal");

        await entries.First.GetByRole(AriaRole.Link, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Re: the difference engine, final numbers");
        await Assertions.Expect(page.GetByLabel("Participants")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Ada Lovelace"));
        await Screenshots.SaveAsync(page, "activity-edit");
    }

    [Fact]
    public async Task Inbox_ListsEmailsAndMessages_AndFiltersThem()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await ArrangeAsync(async (pipeline, writer) =>
        {
            await pipeline.CreateAsync(RecordTypes.Contact, new JsonObject { ["first_name"] = "Grace", ["email"] = $"grace.{tag}@navy.example" }, default);
            ActivityInput Input(string id, string kind, string channel, string connection, string direction, int hour, string from) => new()
            {
                Kind = kind, Channel = channel, Direction = direction, ConnectionId = connection, ExternalId = $"{tag}-{id}",
                OccurredAt = new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero).AddHours(hour),
                Subject = $"{id} {tag}", Text = $"Text of {id}", Participants = [new("from", from, null)],
            };
            await writer.RecordAsync(
            [
                Input("Gmail question", "email", "gmail", Gmail, "inbound", 1, $"grace.{tag}@navy.example"),
                Input("Outlook reply", "email", "outlook", Outlook, "outbound", 2, "me@ourco.example"),
                Input("Slack ping", "message", "slack", Outlook, "inbound", 3, "someone@slack.example"),
                Input("Planning meeting", "meeting", "google_calendar", Gmail, "inbound", 4, $"grace.{tag}@navy.example"),
            ], new ActivityMatching(false, ["ourco.example"]), default);
            return 0;
        });
        var page = await app.SignedInPageAsync();
        var entries = page.Locator(".timeline-entry", new() { HasText = tag });

        await page.GotoAsync("/records/contact");
        await page.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/inbox$"));
        await Assertions.Expect(entries).ToHaveCountAsync(3);
        await Assertions.Expect(entries.First).ToContainTextAsync("Slack ping");
        await Assertions.Expect(page.GetByText("Planning meeting")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "inbox");

        await page.GetByLabel("Channel").SelectOptionAsync("outlook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries.First).ToContainTextAsync("Outlook reply");

        await page.GotoAsync("/inbox");
        await page.GetByLabel("Direction").SelectOptionAsync(new SelectOptionValue { Label = "Inbound" });
        await page.GetByLabel("Connection").FillAsync(Outlook);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries.First).ToContainTextAsync("Slack ping");

        await page.GotoAsync("/inbox");
        await page.GetByLabel("Contact").FillAsync($"GRACE.{tag}@navy.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries.First).ToContainTextAsync("Gmail question");
        await Assertions.Expect(entries.First.GetByRole(AriaRole.Link, new() { Name = $"grace.{tag}@navy.example" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "inbox-filtered");
    }

    /// <summary>Arranges records in the admin's workspace the way a sync would, through the pipeline and the writer.</summary>
    private async Task<T> ArrangeAsync<T>(Func<RecordPipeline, ActivityWriter, Task<T>> arrange)
    {
        await using var scope = app.Scope();
        var workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FirstAsync(CancellationToken.None))!.Id;
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        return await arrange(scope.ServiceProvider.GetRequiredService<RecordPipeline>(), scope.ServiceProvider.GetRequiredService<ActivityWriter>());
    }
}
