using System.Net;
using System.Text.Json;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Apps.Connect;
using Integrations.Platform.Data;
using Integrations.Testing;
using Integrations.Testing.Fakes.Graph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Outlook;

/// <summary>A new Outlook account connected through the consent flow, its fake mailbox, an API client, and what its
/// syncs stored: syncs run the way Hangfire would run them (tests run no Hangfire server).</summary>
internal sealed class OutlookAccount
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private OutlookAccount(OutlookApp app, string email, Guid connection, HttpClient client)
    {
        App = app;
        Email = email;
        Connection = connection;
        Client = client;
        Mailbox = app.Graph.Mailbox(email);
    }

    public OutlookApp App { get; }
    public string Email { get; }
    public Guid Connection { get; }
    public string ConnectionId => $"cxn_{Connection:N}";
    public HttpClient Client { get; }
    public FakeMailbox Mailbox { get; }

    public static async Task<OutlookAccount> ConnectAsync(OutlookApp app)
    {
        var admin = await app.SignInAsync(Ct);
        var account = app.Microsoft.Account = ConnectFlow.NewAccount();
        (await ConnectFlow.ConnectAsync(admin, "outlook", app.Microsoft, true, Ct)).Dispose();
        var connection = Assert.Single(await ConnectFlow.ConnectionsAsync(app, account.Email));
        var client = app.Client((await Keys.IssueAsync(app, ["apps:read", "apps:write", "crm:read", "crm:write"])).Key);
        return new OutlookAccount(app, account.Email, connection.Id, client);
    }

    public FakeGraphMessage Message(string subject, string from = "carl@customer.example", TimeSpan? ago = null) => new()
    {
        Subject = subject,
        From = new FakeAddress(from, "Carl Jung"),
        To = [new FakeAddress(Email, "Ana Lima")],
        Cc = [new FakeAddress("dora@customer.example")],
        Body = $"<p>About <b>{subject}</b></p>",
        ReceivedAt = App.Clock.GetUtcNow() - (ago ?? TimeSpan.FromHours(1)),
    };

    /// <summary>"Sync now" through the API, then each queued sync's job; the connection's syncs as the API shows them.</summary>
    public async Task<Dictionary<string, JsonElement>> SyncAsync()
    {
        await QueueAsync();
        foreach (var id in await SyncIdsAsync("queued"))
        {
            await RunAsync(id, Ct);
        }

        return await SyncsAsync();
    }

    public async Task QueueAsync()
    {
        using var queued = await Client.PostAsync($"/api/v1/connections/{ConnectionId}/sync", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
    }

    public async Task RunAsync(Guid syncId, CancellationToken ct)
    {
        await using var scope = App.Scope();
        await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(syncId, ct);
    }

    public async Task<Dictionary<string, JsonElement>> SyncsAsync()
    {
        var view = JsonDocument.Parse(await Client.GetStringAsync($"/api/v1/connections/{ConnectionId}", Ct)).RootElement;
        return view.GetProperty("syncs").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.Clone());
    }

    public async Task<Guid> SyncIdAsync(string syncId)
    {
        await using var scope = App.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM app_syncs WHERE connection_id = {Connection} AND sync_id = {syncId}").SingleAsync(Ct);
    }

    public async Task<string?> CheckpointAsync(string syncId)
    {
        await using var scope = App.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
            .SqlQuery<string?>($"SELECT checkpoint AS \"Value\" FROM app_syncs WHERE connection_id = {Connection} AND sync_id = {syncId}").SingleAsync(Ct);
    }

    /// <summary>The connection's activities, oldest first.</summary>
    public async Task<List<StoredActivity>> ActivitiesAsync()
    {
        await using var scope = App.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.SqlQuery<StoredActivity>(
            $"""
            SELECT id, external_id, kind, direction, subject, body, thread_id, participants::text AS participants, contact_id, occurred_at
            FROM activities WHERE connection_id = {ConnectionId} ORDER BY occurred_at, external_id
            """).ToListAsync(Ct);
    }

    /// <summary>The <c>data</c> of the events of <paramref name="type"/> this connection appended.</summary>
    public async Task<List<JsonElement>> EventsAsync(string type)
    {
        await using var scope = App.Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.SqlQuery<string>(
            $"SELECT data::text AS \"Value\" FROM events WHERE type = {type} AND data::jsonb ->> 'connection_id' = {ConnectionId} ORDER BY id").ToListAsync(Ct);
        return [.. data.Select(d => JsonDocument.Parse(d).RootElement.Clone())];
    }

    private async Task<List<Guid>> SyncIdsAsync(string status)
    {
        await using var scope = App.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
            .SqlQuery<Guid>($"SELECT id AS \"Value\" FROM app_syncs WHERE connection_id = {Connection} AND status = {status} ORDER BY sync_id").ToListAsync(Ct);
    }
}

/// <summary>An activity row as stored.</summary>
internal sealed record StoredActivity(
    Guid Id, string ExternalId, string Kind, string? Direction, string? Subject, string? Body, string? ThreadId, string? Participants, Guid? ContactId, DateTimeOffset OccurredAt);
