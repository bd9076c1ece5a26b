using System.Text.Json;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Slack;

/// <summary>Slack connections and clients arranged the way the app stores them (the connect flow's store, the app page's
/// client save), in workspaces of their own.</summary>
internal static class SlackArrange
{
    /// <summary>A new workspace whose own Slack client comes with <paramref name="signingSecret"/>.</summary>
    public static async Task<Guid> WorkspaceWithSigningSecretAsync(SentinelApp app, string signingSecret)
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        await SigningSecretAsync(app, workspace, signingSecret);
        return workspace;
    }

    /// <summary>Saves the workspace's own Slack client with <paramref name="signingSecret"/>, as the app's page does.</summary>
    public static async Task SigningSecretAsync(SentinelApp app, Guid workspaceId, string signingSecret)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().Act(workspaceId, ActorType.User, "test-admin", "Test Admin", ChangeSource.Ui);
        await scope.ServiceProvider.GetRequiredService<AppClients>()
            .SaveAsync("slack", new AppClientRequest("1234.5678", "client-secret-" + Guid.NewGuid().ToString("N"), signingSecret), CancellationToken.None);
    }

    /// <summary>Connects a new team in the workspace and has Slack post a message in a chosen channel and a reaction:
    /// one event of each Slack trigger.</summary>
    public static async Task EmitEachTriggerAsync(SentinelApp app, Guid workspaceId, DateTimeOffset now, CancellationToken ct)
    {
        var (team, secret) = ("T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant(), "signing-" + Guid.NewGuid().ToString("N"));
        await SigningSecretAsync(app, workspaceId, secret);
        await ConnectAsync(app, workspaceId, team);
        await ChooseChannelsAsync(app, team, ["C0GENERAL"]);
        using var slack = app.CreateClient();
        foreach (var body in new[] { SlackRequests.Message(team, "C0GENERAL", "hello"), SlackRequests.Reaction(team, "C0GENERAL", "eyes") })
        {
            using var answer = await SlackRequests.PostAsync(slack, body, secret, now, ct);
            answer.EnsureSuccessStatusCode();
        }

        Assert.Equal(2, (await EventsAsync(app, team)).Count);
    }

    /// <summary>Connects <paramref name="team"/> in the workspace, as the end of the connect flow does.</summary>
    public static async Task ConnectAsync(SentinelApp app, Guid workspaceId, string team)
    {
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<Caller>().Act(workspaceId, ActorType.User, "test-admin", "Test Admin", ChangeSource.Ui);
        var slack = services.GetRequiredService<AppCatalogue>().Find("slack")!;
        await services.GetRequiredService<ConnectionStore>().SaveAsync(slack, new ConnectedAccount(team, "Team " + team),
            new GrantedTokens("xoxb-" + Guid.NewGuid().ToString("N"), null, null, null, default), CancellationToken.None);
    }

    /// <summary>Sets the team's connections' <c>channels</c> (in every workspace, or one).</summary>
    public static async Task ChooseChannelsAsync(SentinelApp app, string team, string[] channels, Guid? workspaceId = null)
    {
        var settings = JsonSerializer.Serialize(new { channels });
        await using var scope = app.Scope();
        Assert.NotEqual(0, await Connections(scope, team, workspaceId).ExecuteUpdateAsync(u => u.SetProperty(c => c.Settings, settings)));
    }

    public static async Task SetStatusAsync(SentinelApp app, string team, string status)
    {
        await using var scope = app.Scope();
        Assert.NotEqual(0, await Connections(scope, team, null).ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, status)));
    }

    /// <summary>The slack.* events whose <c>account</c> is <paramref name="team"/>, oldest first.</summary>
    public static async Task<List<(Guid Workspace, string Type, JsonElement Data)>> EventsAsync(SentinelApp app, string team)
    {
        await using var scope = app.Scope();
        var events = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type.StartsWith("slack.")).OrderBy(e => e.Id).ToListAsync();
        return [.. events.Select(e => (e.WorkspaceId, e.Type, Data: JsonDocument.Parse(e.Data!).RootElement))
            .Where(e => e.Data.GetProperty("account").GetString() == team)];
    }

    private static IQueryable<AppConnection> Connections(AsyncServiceScope scope, string team, Guid? workspaceId) =>
        scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters()
            .Where(c => c.AppId == "slack" && c.Account == team && (workspaceId == null || c.WorkspaceId == workspaceId));
}
