using System.Text.Json;
using Integrations.Inbound.Connectors;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>How runs end when not everything went well: the cursor stays, the run says why, and no run stays "running".</summary>
public sealed class RunEndingTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PartiallyFailedRun_KeepsTheCursorSent_SoFailedItemsAreFetchedAgain()
    {
        var items = """[{"id":1,"email":"one@example.com","updated_at":"2026-03-01T00:00:00Z"}]""";
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok(items));
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Feed(api.Url("/all"), "item_path"));
        var first = await app.RunNowAsync(client, id);
        Assert.Equal("2026-03-01T00:00:00Z", first.GetProperty("cursor_saved").GetString());

        // The newest item fails: moving past it would skip it forever.
        items = """[{"id":2,"email":"two@example.com","updated_at":"2026-03-02T00:00:00Z"},{"id":3,"email":"not-an-email","updated_at":"2026-03-09T00:00:00Z"}]""";
        var partial = await app.RunNowAsync(client, id);

        Assert.Equal(("partially_failed", 1, 2, 1, 0, 0, 1), partial.Counts());
        Assert.Equal("2026-03-01T00:00:00Z", partial.GetProperty("cursor_sent").GetString());
        Assert.Equal(JsonValueKind.Null, partial.GetProperty("cursor_saved").ValueKind);
        Assert.Contains("The cursor was not moved", partial.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("2026-03-01T00:00:00Z", await CursorAsync(client, id));

        await app.RunNowAsync(client, id);
        Assert.Equal("2026-03-01T00:00:00Z", api.Requests.Last().Parameter("updated_since"));
    }

    [Theory]
    [InlineData("run_start")]
    [InlineData("item_path")]
    public async Task RunStoppedByThePageCap_SaysSo_AndKeepsTheCursor(string from)
    {
        await using var people = await PeopleApi.StartAsync(5);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(people.Url);
        body["max_pages"] = 2;
        body["incremental"] = new { param = "updated_since", from, item_path = from == "item_path" ? "$.updated_at" : null };
        var id = await client.CreateAsync(body);

        var run = await app.RunNowAsync(client, id);

        Assert.Equal(("partially_failed", 2, 4, 4, 0, 0, 0), run.Counts());
        Assert.StartsWith("Stopped after 2 pages (the per-run cap); the cursor stays, so raise max_pages if this repeats.", run.GetProperty("error").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("cursor_saved").ValueKind);
        Assert.Null(await CursorAsync(client, id));
        Assert.Equal(2, people.Requests.Count);
    }

    [Fact]
    public async Task Run_Fails_WhenTheNextCursorIsLongerThanACursorMayBe()
    {
        var huge = new string('9', 600);
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok(
            $$"""[{"id":1,"email":"one@example.com","updated_at":"{{huge}}"}]"""));
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Feed(api.Url("/all"), "item_path"));

        var run = await app.RunNowAsync(client, id);

        Assert.Equal(("failed", 1, 1, 1, 0, 0, 0), run.Counts());
        Assert.Contains("600 characters long, more than the 500", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(await CursorAsync(client, id));
    }

    [Fact]
    public async Task Run_FailsAndBacksOff_WhenTheConnectionBreaksMidBody()
    {
        await using var api = BrokenBodyApi.Start();
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Feed(api.Url("/all"), "run_start"));

        var run = await app.RunNowAsync(client, id);

        Assert.Equal(("failed", 0, 0, 0, 0, 0, 0), run.Counts());
        Assert.Contains("broke off its answer", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, api.Requests);
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(1), (await client.ConnectorAsync(id)).GetProperty("next_allowed_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Run_Fails_WhenTheStoredCredentialsCannotBeDecrypted()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url, new { type = "bearer", token = "tok-1" }));
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, id, out var connectorId));
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Connector>().IgnoreQueryFilters()
                .Where(c => c.Id == connectorId).ExecuteUpdateAsync(s => s.SetProperty(c => c.AuthCiphertext, "bm90LWEtY2lwaGVydGV4dA"), Ct);
        }

        var run = await app.RunNowAsync(client, id);

        Assert.Equal(("failed", 0, 0, 0, 0, 0, 0), run.Counts());
        Assert.Equal("The connector's credentials can no longer be read; enter them again.", run.GetProperty("error").GetString());
        Assert.Empty(people.Requests);
    }

    [Fact]
    public async Task RunTakenOverMidRun_DiscardsItsEnding_AndLeavesTheCursor()
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Page 2 is held until the test releases it, so the run is mid-page when another worker ends it as stale.
        await using var api = await LocalJsonApi.StartAsync(r =>
        {
            if (r.Parameter("cursor") is null)
            {
                return JsonApiAnswer.Ok("""{"data":[{"id":1,"email":"person1@example.com"}],"next_cursor":"2"}""");
            }

            reached.TrySetResult();
            return JsonApiAnswer.Ok("""{"data":[{"id":2,"email":"person2@example.com"}],"next_cursor":null}""") with { Hold = release.Task };
        });
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(api.Url("/people")));

        var running = app.RunNowAsync(client, id);
        await reached.Task.WaitAsync(Ct);
        await MarkInterruptedAsync(id);
        release.SetResult();
        var run = await running;

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.StartsWith("Interrupted", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, run.GetProperty("cursor_saved").ValueKind);
        Assert.Null(await CursorAsync(client, id));
        var again = await app.RunNowAsync(client, id);
        Assert.Equal("succeeded", again.GetProperty("status").GetString());
        Assert.Null(api.Requests.Last().Parameter("updated_since"));
    }

    private static Dictionary<string, object?> Feed(string url, string from)
    {
        var body = Connectors.PeopleConnector(url);
        body["items_path"] = "$";
        body["pagination"] = new { mode = "none" };
        body["incremental"] = new { param = "updated_since", from, item_path = from == "item_path" ? "$.updated_at" : null };
        return body;
    }

    private static async Task<string?> CursorAsync(HttpClient client, string id) =>
        (await client.ConnectorAsync(id)).GetProperty("incremental").GetProperty("value").GetString();

    // What another worker does to a run whose heartbeat it finds stale.
    private async Task MarkInterruptedAsync(string connectorId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, connectorId, out var connector));
        await using var scope = app.Scope();
        var now = app.Clock.GetUtcNow();
        var updated = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<ConnectorRun>().IgnoreQueryFilters()
            .Where(r => r.ConnectorId == connector && r.Status == "running")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, "failed").SetProperty(r => r.FinishedAt, now)
                .SetProperty(r => r.Error, "Interrupted: the app stopped during this run."), Ct);
        Assert.Equal(1, updated);
    }
}
