using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Integrations.Testing.Fakes.Gmail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Gmail;

/// <summary>A Gmail account connected through the consent flow, its fake mailbox, and its sync run the way Hangfire runs it.</summary>
internal sealed record ConnectedMailbox(GmailApp App, AppConnection Connection, FakeMailbox Mailbox, HttpClient Api)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public string Id => PublicId.Format(IdPrefixes.AppConnection, Connection.Id);

    public string Email => Connection.Account;

    public static async Task<ConnectedMailbox> ConnectAsync(GmailApp app, object? settings = null)
    {
        var account = ConnectFlow.NewAccount();
        app.Google.Account = account;
        using var admin = await app.SignInAsync(Ct);
        (await ConnectFlow.ConnectAsync(admin, "gmail", app.Google, true, Ct)).Dispose();
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.Email));
        var api = app.Client((await Keys.IssueAsync(app, ["apps:read", "apps:write", "crm:read", "crm:write", "webhooks:write"], connection.WorkspaceId)).Key);
        var mailbox = new ConnectedMailbox(app, connection, app.Gmail.Mailbox(account.Email), api);
        if (settings is not null)
        {
            (await api.PatchAsJsonAsync($"/api/v1/connections/{mailbox.Id}", new { settings }, Ct)).EnsureSuccessStatusCode();
        }

        return mailbox;
    }

    /// <summary>A message from <paramref name="from"/> to this mailbox, received <paramref name="ago"/> before now.</summary>
    public FakeMessage Receive(string from, string subject, TimeSpan ago) =>
        Mailbox.Add(new FakeEmail(from, Email, subject, App.Clock.GetUtcNow() - ago));

    /// <summary>"Sync now" over the API, then the queued Hangfire job run to its end; the sync's row afterwards.</summary>
    public async Task<AppSync> SyncAsync()
    {
        using var queued = await Api.PostAsync($"/api/v1/connections/{Id}/sync", null, Ct);
        Assert.True(queued.IsSuccessStatusCode, await queued.Content.ReadAsStringAsync(Ct));
        var syncId = await RowAsync();
        await using (var scope = App.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(syncId.Id, Ct);
        }

        return await RowAsync();
    }

    /// <summary>The runs Hangfire holds in its queue for this sync ("Sync now" enqueues one; a run that hands over, one).</summary>
    public async Task<int> EnqueuedRunsAsync()
    {
        var row = await RowAsync();
        return App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Count(j => j.Value.Job?.Type == typeof(SyncRunner) && Equals(j.Value.Job.Args[0], row.Id));
    }

    /// <summary>The sync's queued run (no "Sync now"), as Hangfire would run it; the row afterwards.</summary>
    public async Task<AppSync> RunQueuedAsync()
    {
        var row = await RowAsync();
        await using (var scope = App.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(row.Id, Ct);
        }

        return await RowAsync();
    }

    public async Task<AppSync> RowAsync()
    {
        await using var scope = App.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(s => s.ConnectionId == Connection.Id && s.SyncId == "messages", Ct);
    }

    /// <summary>Every activity of this connection over the records API, in the order they were stored.</summary>
    public async Task<List<JsonObject>> ActivitiesAsync(string? filter = null)
    {
        var all = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = (await Api.GetFromJsonAsync<JsonObject>(
                $"/api/v1/records/activity?{filter ?? $"connection_id={Id}"}&limit=200{(cursor is null ? "" : $"&cursor={cursor}")}", Ct))!;
            all.AddRange(page["data"]!.AsArray().Select(a => a!.AsObject()));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>The <c>gmail.email_received</c> events of this connection.</summary>
    public async Task<List<JsonObject>> EmailReceivedEventsAsync()
    {
        await using var scope = App.Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == "gmail.email_received" && e.WorkspaceId == Connection.WorkspaceId).OrderBy(e => e.Id).Select(e => e.Data!).ToListAsync(Ct);
        return [.. data.Select(d => JsonNode.Parse(d)!.AsObject()).Where(e => (string?)e["connection_id"] == Id)];
    }

    /// <summary>How many requests the fake has answered so far: a mark for <see cref="RequestsSince"/>.</summary>
    public int Mark() => App.Google.Requests.Count;

    /// <summary>The Gmail API requests the fake answered after <paramref name="mark"/>, as "METHOD path status".</summary>
    public List<string> RequestsSince(int mark) =>
        [.. App.Google.Requests.Skip(mark).Where(r => r.Path.StartsWith("/gmail/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Path} {r.Status}")];
}
