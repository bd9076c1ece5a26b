using System.Net;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// One person in two workspaces: a new workspace makes its creator the owner and moves the session there; the session's
/// workspace decides what every page shows and changes, never a form field or a guessed id; a workspace the person is
/// not in cannot be switched to; a removed member's session leaves the workspace at their next click.
/// </summary>
public sealed class WorkspaceSwitchTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewWorkspace_MakesItsCreatorOwner_AndTheSessionMovesThere()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var client = await app.SignInAsync(email, Members.Password, Ct);
        var name = "Side project " + Guid.NewGuid().ToString("N")[..6];

        using var created = await client.PostFormAsync("/workspaces/new", new Dictionary<string, string> { ["Name"] = name, ["Plan"] = "Growth" }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await client.GetStringAsync("/records/contact", Ct);
        Assert.Contains($"<option value=\"", page, StringComparison.Ordinal);
        Assert.Contains($"selected=\"selected\">{name}</option>", page, StringComparison.Ordinal);
        Assert.Contains(">owner</span>", page, StringComparison.Ordinal);
        var userId = await app.UserIdAsync(email);
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var workspace = await db.Set<Workspace>().SingleAsync(w => w.Name == name, Ct);
        Assert.Equal(Plan.Growth, workspace.Plan);
        Assert.Equal(WorkspaceRole.Owner, (await db.Set<WorkspaceMember>().SingleAsync(m => m.WorkspaceId == workspace.Id && m.UserId == userId, Ct)).Role);
        var audit = await db.Set<AuditEntry>().IgnoreQueryFilters().SingleAsync(a => a.WorkspaceId == workspace.Id && a.Action == "workspace.created", Ct);
        Assert.Equal(email, audit.ActorName);
    }

    [Fact]
    public async Task SessionWorkspace_DecidesWhatPagesShowAndChange_NotTheIdsInForms()
    {
        var a = await app.AdminWorkspaceAsync();
        var email = await app.AddMemberAsync(a, WorkspaceRole.Admin);
        var client = await app.SignInAsync(email, Members.Password, Ct);
        using (await client.PostFormAsync("/workspaces/new", new Dictionary<string, string> { ["Name"] = "B " + Guid.NewGuid().ToString("N")[..6], ["Plan"] = "Starter" }, Ct))
        {
        }

        var inA = await CreateContactAsync(a, "Only-in-A " + Guid.NewGuid().ToString("N")[..6]);
        var id = (string)inA["id"]!;

        // In B (where the new workspace put the session): A's contact is not listed, not found by id, not changed by a post.
        Assert.DoesNotContain((string)inA["last_name"]!, await client.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
        using (var read = await client.GetAsync($"/records/contact/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using (var changed = await client.PostFormAsync("/records/contact/new", $"/records/contact/{id}",
                   new Dictionary<string, string> { ["Values[last_name]"] = "Overwritten", ["Values[email]"] = (string)inA["email"]! }, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        }

        Assert.Equal((string)inA["last_name"]!, (string?)(await ReadContactAsync(a, id))["last_name"]);

        // Back in A through the switcher: there it is.
        using (var switched = await client.PostFormAsync("/records/contact", "/workspaces/switch", new Dictionary<string, string> { ["workspace"] = a.ToString() }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        Assert.Contains((string)inA["last_name"]!, await client.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
        using var found = await client.GetAsync($"/records/contact/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
    }

    [Fact]
    public async Task Switch_ToAWorkspaceThePersonIsNotIn_IsNotFound_AndTheSessionStays()
    {
        var a = await app.AdminWorkspaceAsync();
        var outsider = await app.AddMemberAsync(a, WorkspaceRole.Owner);
        var outsiderClient = await app.SignInAsync(outsider, Members.Password, Ct);
        using (await outsiderClient.PostFormAsync("/workspaces/new", new Dictionary<string, string> { ["Name"] = "Private", ["Plan"] = "Starter" }, Ct))
        {
        }

        Guid hidden;
        await using (var scope = app.Scope())
        {
            var userId = await app.UserIdAsync(outsider);
            hidden = (await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AdminUser>().SingleAsync(u => u.Id == userId, Ct)).WorkspaceId;
        }

        Assert.NotEqual(a, hidden);
        var viewer = await app.SignInAsync(await app.AddMemberAsync(a, WorkspaceRole.Viewer), Members.Password, Ct);
        using var refused = await viewer.PostFormAsync("/records/contact", "/workspaces/switch", new Dictionary<string, string> { ["workspace"] = hidden.ToString() }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.DoesNotContain(">Private<", await viewer.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
        Assert.Contains(">viewer</span>", await viewer.GetStringAsync("/records/contact", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemovedMember_LeavesTheWorkspace_AtTheNextClick()
    {
        var a = await app.AdminWorkspaceAsync();
        var email = await app.AddMemberAsync(a, WorkspaceRole.Admin);
        var client = await app.SignInAsync(email, Members.Password, Ct);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/records/contact", Ct)).StatusCode);

        var userId = await app.UserIdAsync(email);
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<WorkspaceMember>()
                .Where(m => m.UserId == userId).ExecuteDeleteAsync(Ct);
        }

        using var after = await client.GetAsync("/records/contact", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal("/workspaces/new", after.Headers.Location?.OriginalString);
        using var post = await client.PostAsync("/records/contact/new", new FormUrlEncodedContent([]), Ct);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
    }

    private async Task<JsonObject> CreateContactAsync(Guid workspace, string lastName)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        return (await scope.ServiceProvider.GetRequiredService<RecordPipeline>().CreateAsync(RecordTypes.Contact,
            new JsonObject { ["last_name"] = lastName, ["email"] = $"{Guid.NewGuid():N}@example.test" }, Ct)).Record!;
    }

    private async Task<JsonObject> ReadContactAsync(Guid workspace, string id)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        Assert.True(Integrations.Platform.Ids.PublicId.TryParse(RecordTypes.Contact.Prefix, id, out var guid));
        return (await scope.ServiceProvider.GetRequiredService<Integrations.Crm.Reading.RecordReader>().GetAsync(RecordTypes.Contact, guid, Ct))!;
    }
}
