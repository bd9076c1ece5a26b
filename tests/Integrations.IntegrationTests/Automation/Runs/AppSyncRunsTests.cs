using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Apps.Notion;
using Integrations.Testing;
using Integrations.Testing.Fakes.Notion;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>An app sync (the Notion database sync, against the Notion fake) starts the same workflows as any other
/// entry point: one run per matching record it creates, and none when it reads the same data again.</summary>
public sealed class AppSyncRunsTests(NotionApp app) : IClassFixture<NotionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NotionSync_StartsOneRunPerMatchingContactCreated_AndNoneWhenItReadsTheSamePagesAgain()
    {
        var domain = EntryPointRunsTests.Domain("notion");
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var start = FakeNotion.Minute(app.Clock.GetUtcNow().AddDays(-3));
        var pages = new[] { ("Ada", "ada" + domain), ("Bo", "bo" + EntryPointRunsTests.Domain("plain")), ("Cy", "cy" + domain) }
            .Select((p, i) => app.Notion.Put(database, new() { ["Name"] = p.Item1, ["Email"] = p.Item2 }, start.AddMinutes(i)))
            .ToList();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);
        // The connection lives in the admin's workspace, and so do the workflows.
        var client = app.Client((await Keys.IssueAsync(app, AutomationApp.AllScopes)).Key);
        var created = await AutomationApp.CreateWorkflowAsync(client, EntryPointRunsTests.VipWorkflow("Synced VIPs", domain), Ct);
        var edited = await AutomationApp.CreateWorkflowAsync(client, EntryPointRunsTests.EditedWorkflow(
            new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = domain }), Ct);

        var first = await app.RunSyncAsync(key);

        Assert.Null(first.LastError);
        var runs = await AutomationApp.WaitForRunsAsync(client, created, r => r.Count == 2 && r.All(x => AutomationApp.Status(x) == "succeeded"), Ct);
        var expected = new[] { await EntryPointRunsTests.ContactIdAsync(client, "ada" + domain), await EntryPointRunsTests.ContactIdAsync(client, "cy" + domain) };
        Assert.Equal(expected.Order(), runs.Select(r => r.GetProperty("record_id").GetString()!).Order());
        Assert.Equal("VIP Ada", (await AutomationApp.ContactAsync(client, expected[0], Ct)).GetProperty("job_title").GetString());

        // Notion says every page was edited again, with the same values: the sync reads all three once more. (The pages
        // have no Role, so the mapping leaves the job title the workflow wrote as it is.)
        foreach (var page in pages)
        {
            page.LastEditedTime = start.AddHours(1);
        }

        var second = await app.RunSyncAsync(key);

        Assert.Null(second.LastError);
        Assert.Equal(pages.Count, second.ItemsSynced - first.ItemsSynced);
        Assert.Equal(2, (await AutomationApp.RunsAsync(client, created, Ct)).Count);
        Assert.Empty(await AutomationApp.RunsAsync(client, edited, Ct));

        // A real change on one page starts the edit workflow once: its silence above was not for want of trying.
        pages[2].Properties["Name"] = "Cyril";
        pages[2].LastEditedTime = start.AddHours(2);
        await app.RunSyncAsync(key);

        var edits = await AutomationApp.RunsAsync(client, edited, Ct);
        Assert.Equal(expected[1], Assert.Single(edits).GetProperty("record_id").GetString());
        Assert.Equal(2, (await AutomationApp.RunsAsync(client, created, Ct)).Count);
    }
}
