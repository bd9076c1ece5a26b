using System.Net;
using Integrations.Apps.Connections;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>Deleting a workspace stops its connected apps at once and, in the removal job, revokes their grants at the
/// provider the way the Disconnect button does, before their rows (and tokens) go.</summary>
public sealed class WorkspaceDeletionTests(GmailApp app) : IClassFixture<GmailApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletedWorkspace_DisconnectsItsMailboxAtOnce_AndTheJobRevokesTheGrant()
    {
        var box = await ConnectedMailbox.ConnectAsync(app);
        var workspace = box.Connection.WorkspaceId;
        var owner = await app.SignInAsync(Ct);

        using (var deleted = await owner.PostFormAsync("/settings", "/settings?handler=Delete",
                   new Dictionary<string, string> { ["Confirm"] = "Default workspace" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        Assert.Equal(ConnectionStatus.Disconnected,
            await Sql.ScalarAsync<string>(app.ConnectionString, "SELECT status FROM app_connections WHERE id = $1", box.Connection.Id));
        Assert.Equal(0, app.Google.Counters.Revocations);

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkspaceSweep>().RunAsync(workspace, Ct);
        }

        Assert.Equal(1, app.Google.Counters.Revocations);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM app_connections WHERE workspace_id = $1", workspace));
        // Its owner has no workspace left: the next page asks for a new one.
        using var next = await owner.GetAsync("/records/contact", Ct);
        Assert.Equal("/workspaces/new", next.Headers.Location?.OriginalString);
    }
}
