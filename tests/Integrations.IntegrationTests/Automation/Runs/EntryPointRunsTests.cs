using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Inbound.Sources;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Automation.Runs;

/// <summary>The same <c>record.created</c> workflow fires exactly once per matching contact when the contact comes from
/// the admin's form or from a signed inbound webhook (the API, bulk and import entry points are in
/// <see cref="RunMatchingTests"/> and <see cref="ImportRunsTests"/>; app syncs in <see cref="AppSyncRunsTests"/>).</summary>
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
        await using var scope = app.Scope();
        var created = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .SingleAsync(a => a.ObjectId == vip && a.Action == "contact.created", Ct);
        Assert.Equal(AuditTrail.Name(ChangeSource.Ui), created.Source);
    }

    [Fact]
    public async Task SignedInboundWebhook_StartsOneRunPerMatchingContactCreated_AndNoneWhenItUpdatesOne()
    {
        var domain = Domain("inbound");
        var (_, client) = await app.ClientInNewWorkspaceAsync([.. AutomationApp.AllScopes, "inbound:read", "inbound:write"]);
        var source = await client.CreateAsync(new { name = "Signups", preset = "hmac", mapping = Sources.ContactMapping });
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

    /// <summary>A workflow for contacts created with an email at <paramref name="domain"/>: sets their job title.</summary>
    internal static JsonObject VipWorkflow(string name, string domain) => new()
    {
        ["name"] = name,
        ["trigger"] = new JsonObject
        {
            ["type"] = "record.created", ["object"] = "contact",
            ["conditions"] = new JsonArray(new JsonObject { ["field"] = "email", ["op"] = "ends_with", ["value"] = domain }),
        },
        ["steps"] = new JsonArray(new JsonObject { ["type"] = "update_record", ["fields"] = new JsonObject { ["job_title"] = "VIP {{ record.first_name }}" } }),
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
