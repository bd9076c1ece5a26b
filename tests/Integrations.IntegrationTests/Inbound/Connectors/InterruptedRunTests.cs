using Integrations.Inbound.Connectors;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Connectors;

public sealed class InterruptedRunTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScheduledRun_EndsTheRunOfADeadProcess_ThenStartsFromTheSavedCursor()
    {
        await using var people = await PeopleApi.StartAsync(3);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url));
        await app.RunNowAsync(client, id);
        var saved = (await client.ConnectorAsync(id)).GetProperty("incremental").GetProperty("value").GetString();
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        // A worker that died mid-run leaves its run "running", its heartbeat stopped.
        using (var queued = await client.PostAsync($"/api/v1/connectors/{id}/run", null, Ct))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, queued.StatusCode);
        }

        await MarkLatestRunningAsync(id);

        await app.RunScheduledAsync(id);
        Assert.Equal("running", (await client.LatestRunAsync(id)).GetProperty("status").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.RunScheduledAsync(id);

        var runs = await client.RunsAsync(id);
        Assert.Equal(3, runs.Length);
        Assert.Equal(("succeeded", 1, 0, 0, 0, 0, 0), runs[0].Counts());
        Assert.Equal(saved, runs[0].GetProperty("cursor_sent").GetString());
        Assert.Equal("failed", runs[1].GetProperty("status").GetString());
        Assert.StartsWith("Interrupted", runs[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(saved, people.Requests[^1].Parameter("updated_since"));
    }

    private async Task MarkLatestRunningAsync(string connectorId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, connectorId, out var connector));
        await using var scope = app.Scope();
        var now = app.Clock.GetUtcNow();
        var updated = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ConnectorRun>().IgnoreQueryFilters()
            .Where(r => r.ConnectorId == connector && r.Status == "queued")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "running").SetProperty(r => r.StartedAt, now).SetProperty(r => r.HeartbeatAt, now), Ct);
        Assert.Equal(1, updated);
    }
}
