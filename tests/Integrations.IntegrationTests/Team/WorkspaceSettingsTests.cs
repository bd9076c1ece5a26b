using System.Net;
using System.Net.Http.Json;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// The settings page: the limits in use, a new name and plan (a plan too small for the records held is refused), and
/// deleting the workspace: its name typed, its keys and members gone at once, and every row of it removed by the
/// background sweep while every other workspace keeps all of its own.
/// </summary>
public sealed class WorkspaceSettingsTests(WorkspaceSettingsTests.QuietApp app) : IClassFixture<WorkspaceSettingsTests.QuietApp>
{
    /// <summary>Delivers no webhooks and runs no workflow steps, so no row arrives behind the counts' backs; what deleting
    /// must stop (the runs it leaves unfinished, the deliveries it leaves pending) stays there to be stopped.</summary>
    public sealed class QuietApp : SentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:Webhooks:Dispatcher"] = "false",
            ["Sentinel:Automation:Executor"] = "false",
        };
    }

    private static readonly string[] AllScopes =
        ["crm:read", "crm:write", "webhooks:read", "webhooks:write", "workflows:read", "workflows:write", "inbound:read", "inbound:write"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Settings_ShowTheLimitsInUse_AndSaveANewNameAndPlan()
    {
        var (client, workspace, _) = await OwnerOfNewWorkspaceAsync();
        var api = app.Client((await Keys.IssueAsync(app, AllScopes, workspace)).Key);
        await FillAsync(api);

        var page = await client.GetStringAsync("/settings", Ct);

        Assert.Contains("<tr data-limit=\"records\"><td>Records</td><td>3</td><td>250,000</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-limit=\"workflows\"><td>Enabled workflows</td><td>1</td><td>50</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-limit=\"keys\"><td>Active API keys</td><td>1</td>", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-limit=\"webhooks\"><td>Webhooks</td><td>1 (1 active)</td>", page, StringComparison.Ordinal);

        using var saved = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "  Renamed  ", ["Plan"] = "Scale" }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var stored = await db.Set<Workspace>().AsNoTracking().SingleAsync(w => w.Id == workspace, Ct);
        Assert.Equal(("Renamed", Plan.Scale), (stored.Name, stored.Plan));
        var audit = await db.Set<AuditEntry>().IgnoreQueryFilters().SingleAsync(a => a.WorkspaceId == workspace && a.Action == "workspace.updated", Ct);
        Assert.Contains("\"plan\":{\"from\":\"growth\",\"to\":\"scale\"}", audit.Changes!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var after = await client.GetStringAsync("/settings", Ct);
        Assert.Contains("Settings saved.", after, StringComparison.Ordinal);
        Assert.Contains("<td>10,000,000</td>", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_IsRefused_WhenItAllowsFewerRecordsThanTheWorkspaceHolds()
    {
        var (client, workspace, _) = await OwnerOfNewWorkspaceAsync();
        // The count the record pipeline keeps, set as ten thousand and one records would have left it.
        await Sql.ExecuteAsync(app.ConnectionString, "UPDATE workspaces SET record_count = 10001 WHERE id = $1", workspace);

        using var refused = await client.PostFormAsync("/settings", new Dictionary<string, string> { ["Name"] = "Same", ["Plan"] = "Starter" }, Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("data-valmsg-for=\"Plan\"", page, StringComparison.Ordinal);
        Assert.Contains("The Starter plan allows 10,000 records and this workspace holds 10,001.", page, StringComparison.Ordinal);
        Assert.Equal("Growth", await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT plan FROM workspaces WHERE id = $1", workspace));
    }

    [Fact]
    public async Task Delete_IsRefused_UnlessTheNameIsTypedExactly()
    {
        var (client, workspace, email) = await OwnerOfNewWorkspaceAsync();
        var name = await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT name FROM workspaces WHERE id = $1", workspace);

        using var refused = await client.PostFormAsync("/settings", "/settings?handler=Delete",
            new Dictionary<string, string> { ["Confirm"] = name.ToUpperInvariant() }, Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Type the workspace&#x27;s name exactly", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">Give the workspace a name.<", page, StringComparison.Ordinal);

        Assert.Null((await Sql.RowAsync(app.ConnectionString, "SELECT deleting_since FROM workspaces WHERE id = $1", workspace))[0]);
        Assert.Equal(WorkspaceRole.Owner, await RoleAsync(email, workspace));
    }

    [Fact]
    public async Task Delete_StopsKeysAndMembersAtOnce_ThenTheSweepRemovesEveryRowOfIt_AndNoneOfAnothers()
    {
        var (client, doomed, email) = await OwnerOfNewWorkspaceAsync();
        var issued = await Keys.IssueAsync(app, AllScopes, doomed);
        var api = app.Client(issued.Key);
        await FillAsync(api);
        // A neighbour with the same kinds of rows, which must keep every one.
        var (_, kept, _) = await OwnerOfNewWorkspaceAsync();
        await FillAsync(app.Client((await Keys.IssueAsync(app, AllScopes, kept)).Key));
        var colleague = await app.AddMemberAsync(doomed, WorkspaceRole.Admin);
        var tables = await WorkspaceTablesAsync();
        var others = await CountsAsync(tables, "workspace_id <> $1", doomed);
        var before = await CountsAsync(tables, "workspace_id = $1", doomed);
        Assert.True(await Sql.ScalarAsync<long>(app.ConnectionString,
            "SELECT count(*) FROM workflow_runs WHERE workspace_id = $1 AND status = 'running'", doomed) > 0, "No unfinished run to stop.");
        foreach (var table in (string[])["api_keys", "contacts", "accounts", "audit_entries", "events", "webhook_subscriptions", "webhook_deliveries",
                     "workflows", "workflow_versions", "workflow_runs", "inbound_sources", "workspace_members"])
        {
            Assert.True(before[table] > 0, $"The test made no rows in {table}.");
        }

        var name = await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT name FROM workspaces WHERE id = $1", doomed);
        using var deleted = await client.PostFormAsync("/settings", "/settings?handler=Delete", new Dictionary<string, string> { ["Confirm"] = name }, Ct);

        // At once, before any background job: the key is refused, no one is a member, webhooks, workflows and sources are off.
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using (var refused = await api.GetAsync("/api/v1/records/contact", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Null(await RoleAsync(email, doomed));
        Assert.Null(await RoleAsync(colleague, doomed));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString,
            "SELECT count(*) FROM webhook_subscriptions WHERE workspace_id = $1 AND status <> 'Disabled'", doomed));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM workflows WHERE workspace_id = $1 AND enabled", doomed));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM inbound_sources WHERE workspace_id = $1 AND enabled", doomed));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString,
            "SELECT count(*) FROM workflow_runs WHERE workspace_id = $1 AND status IN ('running', 'waiting')", doomed));
        // The owner's session moved to the workspace they still have; the deleted one is not offered.
        var home = await client.GetStringAsync("/records/contact", Ct);
        Assert.DoesNotContain($">{name}</option>", home, StringComparison.Ordinal);
        Assert.Contains(">viewer</span>", home, StringComparison.Ordinal);
        var job = app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .SingleOrDefault(j => j.Value.Job.Type == typeof(WorkspaceSweep) && Equals(j.Value.Job.Args[0], doomed));
        Assert.NotNull(job.Value);

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkspaceSweep>().RunAsync(doomed, Ct);
        }

        var left = await CountsAsync(tables, "workspace_id = $1", doomed);
        Assert.All(tables, table => Assert.True(left[table] == 0, $"{left[table]} rows of the deleted workspace left in {table}."));
        Assert.Equal(others, await CountsAsync(tables, "workspace_id <> $1", doomed));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM workspaces WHERE id = $1", doomed));
        // People stay: the owner signs in again, to the workspace they have left.
        Assert.Contains(">viewer</span>", await (await app.SignInAsync(email, Members.Password, Ct)).GetStringAsync("/records/contact", Ct),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_LeavesAWorkspaceNotMarkedDeletedAlone_AndTheHourlyResumeFinishesAMarkedOne()
    {
        var (_, live, _) = await OwnerOfNewWorkspaceAsync();
        await FillAsync(app.Client((await Keys.IssueAsync(app, AllScopes, live)).Key));
        var (_, lost, _) = await OwnerOfNewWorkspaceAsync();
        await FillAsync(app.Client((await Keys.IssueAsync(app, AllScopes, lost)).Key));
        var tables = await WorkspaceTablesAsync();
        var liveBefore = await CountsAsync(tables, "workspace_id = $1", live);
        // Marked as a deletion whose job was lost with its server.
        await Sql.ExecuteAsync(app.ConnectionString, "UPDATE workspaces SET deleting_since = now() WHERE id = $1", lost);

        await using (var scope = app.Scope())
        {
            var sweep = scope.ServiceProvider.GetRequiredService<WorkspaceSweep>();
            await sweep.RunAsync(live, Ct);
            await sweep.ResumeAsync(Ct);
        }

        Assert.Equal(liveBefore, await CountsAsync(tables, "workspace_id = $1", live));
        Assert.All((await CountsAsync(tables, "workspace_id = $1", lost)).Values, count => Assert.Equal(0L, count));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM workspaces WHERE id = $1", lost));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString,
            "SELECT count(*) FROM api_keys WHERE workspace_id = $1 AND revoked_at IS NOT NULL", live));
    }

    /// <summary>A person who is a viewer of the seeded workspace creates a workspace of their own, and is its owner.</summary>
    private async Task<(HttpClient Client, Guid Workspace, string Email)> OwnerOfNewWorkspaceAsync()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var client = await app.SignInAsync(email, Members.Password, Ct);
        var name = "Doomed " + Guid.NewGuid().ToString("N")[..8];
        using (var created = await client.PostFormAsync("/workspaces/new", new Dictionary<string, string> { ["Name"] = name, ["Plan"] = "Growth" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var workspace = await Sql.ScalarAsync<Guid>(app.ConnectionString, "SELECT id FROM workspaces WHERE name = $1", name);
        return (client, workspace, email);
    }

    /// <summary>Records of three kinds (with their audit entries, events and deliveries), a webhook, an enabled workflow
    /// that runs for a contact, and an inbound source.</summary>
    private static async Task FillAsync(HttpClient api)
    {
        async Task PostAsync(string path, object body)
        {
            using var response = await api.PostAsJsonAsync(path, body, Ct);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }

        await PostAsync("/api/v1/webhooks/subscribe", new { url = "https://93.184.215.14/hooks/sentinel", events = new[] { "contact.created" } });
        await PostAsync("/api/v1/workflows", new
        {
            name = "Note every contact", enabled = true,
            trigger = new { type = "record.created", @object = "contact" },
            steps = new[] { new { id = "note", type = "add_note", text = "Welcome {{ record.email }}" } },
        });
        await PostAsync("/api/v1/inbound/sources", new { name = "Orders", preset = "shopify", mapping_preset = "shopify_order" });
        await PostAsync("/api/v1/records/account", new { name = "Acme" });
        await PostAsync("/api/v1/records/contact", new { first_name = "Ada", last_name = "Lovelace", email = $"ada-{Guid.NewGuid():N}@example.test" });
        await PostAsync("/api/v1/records/deal", new { name = "First deal", amount = 100 });
    }

    private async Task<WorkspaceRole?> RoleAsync(string email, Guid workspace)
    {
        var userId = await app.UserIdAsync(email);
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<WorkspaceMembers>().RoleAsync(userId, workspace, Ct);
    }

    /// <summary>Every table with a workspace_id but the people's own, read from the catalog as the sweep reads it.</summary>
    private async Task<List<string>> WorkspaceTablesAsync() =>
        (await Sql.ColumnAsync<string>(app.ConnectionString, """
            SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id'
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1
            """)).Where(t => t != "AspNetUsers").ToList();

    private async Task<Dictionary<string, long>> CountsAsync(List<string> tables, string where, Guid workspace)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            counts[table] = await Sql.ScalarAsync<long>(app.ConnectionString, $"SELECT count(*) FROM \"{table}\" WHERE {where}", workspace);
        }

        return counts;
    }
}
