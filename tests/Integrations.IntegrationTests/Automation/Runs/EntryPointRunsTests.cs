using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Inbound.Connectors;
using Integrations.IntegrationTests.Inbound.Sources;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>The same <c>record.created</c> workflow fires exactly once per matching contact when the contact comes from
/// the admin's form, a signed inbound webhook or a pull connector's sync, and not again when the same data comes back
/// (the API, bulk and import entry points are in <see cref="RunMatchingTests"/> and <see cref="ImportRunsTests"/>; an
/// app's sync in <see cref="AppSyncRunsTests"/>).</summary>
public sealed class EntryPointRunsTests(AutomationApp app) : IClassFixture<AutomationApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminForm_StartsOneRunForTheMatchingContact_AndNoneForAnother()
    {
        var domain = Domain("ui");
        // The admin's pages work in the first workspace: the workflow is made there, through the API.
        var client = app.Client((await Keys.IssueAsync(app, AutomationApp.AllScopes)).Key);
        var workflow = await AutomationApp.CreateWorkflowAsync(client, VipWorkflow("Form VIPs " + domain, domain), Ct);
        var admin = await app.SignInAsync(Ct);

        foreach (var (name, email) in new[] { ("Ada", "ada" + domain), ("Bo", "bo" + Domain("plain")) })
        {
            using var response = await admin.PostFormAsync("/records/contact/new",
                new Dictionary<string, string> { ["Values[first_name]"] = name, ["Values[email]"] = email }, Ct);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        // Runs are written in the form's own transaction: both contacts exist, so every run they start exists too.
        var vip = await ContactIdAsync(client, "ada" + domain);
        var run = Assert.Single(await AutomationApp.RunsAsync(client, workflow, Ct));
        Assert.Equal(vip, run.GetProperty("record_id").GetString());
        await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 1 && AutomationApp.Status(r[0]) == "succeeded", Ct);
        Assert.Equal("VIP Ada", (await AutomationApp.ContactAsync(client, vip, Ct)).GetProperty("job_title").GetString());
        var created = Assert.Single(await AutomationApp.AuditAsync(app, vip, "contact.created", Ct));
        Assert.Equal(AuditTrail.Name(ChangeSource.Ui), created.Source);
    }

    [Fact]
    public async Task SignedInboundWebhook_StartsOneRunPerMatchingContactCreated_AndNoneWhenItUpdatesOne()
    {
        var domain = Domain("inbound");
        var (_, client) = await app.ClientInNewWorkspaceAsync([.. AutomationApp.AllScopes, "inbound:read", "inbound:write"]);
        var source = await Sources.CreateAsync(client, new { name = "Signups", preset = "hmac", mapping = Sources.ContactMapping });
        var workflow = await AutomationApp.CreateWorkflowAsync(client, VipWorkflow("Inbound VIPs", domain), Ct);

        // Two matching contacts, one other, and the first one again (upserted by email: an update, not a creation).
        foreach (var (name, email) in new[] { ("Ada", "ada" + domain), ("Bo", "bo@plain.test"), ("Cy", "cy" + domain), ("Adele", "ada" + domain) })
        {
            var body = new JsonObject { ["email"] = email, ["name"] = name }.ToJsonString();
            var requestId = await Sources.AcceptedAsync(app, source.Id(), body,
                new Dictionary<string, string> { ["X-Signature"] = Signatures.Hex(source.Secret(), body) });
            Assert.Equal("processed", (await client.ProcessedAsync(source.Id(), requestId)).GetProperty("status").GetString());
        }

        var runs = await AutomationApp.WaitForRunsAsync(client, workflow, r => r.Count == 2 && r.All(x => AutomationApp.Status(x) == "succeeded"), Ct);
        var expected = new[] { await ContactIdAsync(client, "ada" + domain), await ContactIdAsync(client, "cy" + domain) };
        Assert.Equal(expected.Order(), runs.Select(r => r.GetProperty("record_id").GetString()!).Order());
        Assert.Equal("VIP Ada", (await AutomationApp.ContactAsync(client, expected[0], Ct)).GetProperty("job_title").GetString());
        Assert.Equal("Adele", (await AutomationApp.ContactAsync(client, expected[0], Ct)).GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task PullConnectorSync_StartsOneRunPerMatchingContactCreated_AndNoneWhenItFetchesTheSameDataAgain()
    {
        await using var people = await PeopleApi.StartAsync(5);
        var (_, client) = await app.ClientInNewWorkspaceAsync([.. AutomationApp.AllScopes, .. Connectors.Scopes]);
        var body = Connectors.PeopleConnector(people.Url);
        // Every run fetches everyone: the second reads exactly the data the first wrote.
        body["incremental"] = null;
        var connector = await Connectors.CreateAsync(client, body);
        var firstTwo = new JsonObject { ["field"] = "custom_fields.people_id", ["op"] = "less_than", ["value"] = 3 };
        var created = await AutomationApp.CreateWorkflowAsync(client, CreatedWorkflow("First two people", firstTwo), Ct);
        var edited = await AutomationApp.CreateWorkflowAsync(client, EditedWorkflow(firstTwo), Ct);

        Assert.Equal(("succeeded", 3, 5, 5, 0, 0, 0), (await app.RunNowAsync(client, connector)).Counts());

        var runs = await AutomationApp.WaitForRunsAsync(client, created, r => r.Count == 2 && r.All(x => AutomationApp.Status(x) == "succeeded"), Ct);
        var expected = new[] { await ContactIdAsync(client, "person1@example.com"), await ContactIdAsync(client, "person2@example.com") };
        Assert.Equal(expected.Order(), runs.Select(r => r.GetProperty("record_id").GetString()!).Order());

        Assert.Equal(("succeeded", 3, 5, 0, 0, 5, 0), (await app.RunNowAsync(client, connector)).Counts());

        Assert.Equal(2, (await AutomationApp.RunsAsync(client, created, Ct)).Count);
        Assert.Empty(await AutomationApp.RunsAsync(client, edited, Ct));

        // A real change starts the edit workflow once: its silence above was not for want of trying.
        people.Change(2, "Renamed Two", "2999-01-01T00:00:00Z");
        Assert.Equal(("succeeded", 3, 5, 0, 1, 4, 0), (await app.RunNowAsync(client, connector)).Counts());
        Assert.Equal(expected[1], Assert.Single(await AutomationApp.RunsAsync(client, edited, Ct)).GetProperty("record_id").GetString());
        Assert.Equal(2, (await AutomationApp.RunsAsync(client, created, Ct)).Count);
    }

    /// <summary>A workflow for contacts created with an email at <paramref name="domain"/>: sets their job title.</summary>
    internal static JsonObject VipWorkflow(string name, string domain) =>
        CreatedWorkflow(name, new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = domain });

    /// <summary>A workflow for contacts created matching <paramref name="condition"/>: sets their job title.</summary>
    internal static JsonObject CreatedWorkflow(string name, JsonObject condition) => new()
    {
        ["name"] = name,
        ["trigger"] = new JsonObject { ["type"] = "record.created", ["object"] = "contact", ["conditions"] = new JsonArray(condition.DeepClone()) },
        ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "VIP {{ record.first_name }}" } }),
    };

    /// <summary>A workflow for contacts matching <paramref name="condition"/> whose name or email changed (not the job
    /// title, which <see cref="CreatedWorkflow"/> writes).</summary>
    internal static JsonObject EditedWorkflow(JsonObject condition) => new()
    {
        ["name"] = "Edits",
        ["trigger"] = new JsonObject
        {
            ["type"] = "record.updated", ["object"] = "contact", ["fields"] = new JsonArray("first_name", "email"),
            ["conditions"] = new JsonArray(condition.DeepClone()),
        },
        ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["last_name"] = "Edited" } }),
    };

    /// <summary><c>@{what}-{random}.test</c>, so a test's workflow matches only its own contacts.</summary>
    internal static string Domain(string what) => $"@{what}-{Guid.NewGuid():N}"[..(what.Length + 10)] + ".test";

    /// <summary>The id of the one contact with <paramref name="email"/>.</summary>
    internal static async Task<string> ContactIdAsync(HttpClient client, string email)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/records/contact?email={Uri.EscapeDataString(email)}", Ct);
        return Assert.Single(page.GetProperty("data").EnumerateArray(), c => c.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
    }
}
