using System.Globalization;
using System.Text.Json;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Connectors;

public sealed class ConnectorRunTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_StoresThreePagesAsContactsWithAuditAndEvents_ThenSecondRunSendsCursorAndOnlyUpdates()
    {
        await using var people = await PeopleApi.StartAsync(5);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url));
        var firstStart = Stamp(app.Clock.GetUtcNow());

        var first = await app.RunNowAsync(client, id);

        Assert.Equal(("succeeded", 3, 5, 5, 0, 0, 0), first.Counts());
        Assert.Equal([null, "2", "4"], people.Requests.Select(r => r.Parameter("cursor")));
        Assert.All(people.Requests, r => Assert.Null(r.Parameter("updated_since")));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"person{i}@example.com"), (await ContactsAsync(workspace)).Select(c => c.Email));
        var (audit, events) = await TrailAsync(workspace);
        Assert.Equal(5, audit.Count(a => a is { Action: "contact.created", Source: "connector" } && a.ActorId == id));
        Assert.Equal(5, events.Count(e => e == "contact.created"));
        Assert.Equal(firstStart, (await client.ConnectorAsync(id)).GetProperty("incremental").GetProperty("value").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(15));
        people.Change(2, "Renamed Two", "2999-01-01T00:00:00Z");
        people.Change(4, "Renamed Four", "2999-01-01T00:00:00Z");
        var second = await app.RunNowAsync(client, id);

        Assert.Equal(("succeeded", 1, 2, 0, 2, 0, 0), second.Counts());
        Assert.Equal([firstStart], people.Requests.Skip(3).Select(r => r.Parameter("updated_since")));
        Assert.Equal(firstStart, second.GetProperty("cursor_sent").GetString());
        var contacts = await ContactsAsync(workspace);
        Assert.Equal(5, contacts.Count);
        Assert.Equal(["Person 1", "Renamed Two", "Person 3", "Renamed Four", "Person 5"], contacts.Select(c => c.FirstName));
        Assert.Equal(2, (await TrailAsync(workspace)).Events.Count(e => e == "contact.updated"));
        Assert.Equal(Stamp(app.Clock.GetUtcNow()), (await client.ConnectorAsync(id)).GetProperty("incremental").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Run_ResumesFromSavedCursorWithoutDuplicates_WhenRunFailsOnPageTwoAndAppRestarts()
    {
        await using var people = await PeopleApi.StartAsync(5);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url));
        await app.RunNowAsync(client, id);
        var saved = (await client.ConnectorAsync(id)).GetProperty("incremental").GetProperty("value").GetString();
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        foreach (var person in new[] { 1, 3, 5 })
        {
            people.Change(person, $"Changed {person}", "2999-01-01T00:00:00Z");
        }

        people.Interrupt = r => r.Parameter("cursor") == "2" ? new JsonApiAnswer(500, """{"error":"boom"}""") : null;
        var failed = await app.RunNowAsync(client, id);

        Assert.Equal(("failed", 1, 2, 0, 2, 0, 0), failed.Counts());
        Assert.Contains("answered 500", failed.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(saved, (await client.ConnectorAsync(id)).GetProperty("incremental").GetProperty("value").GetString());

        people.Interrupt = _ => null;
        var requestsBefore = people.Requests.Count;
        await using (var restarted = new RestartedConnectorsApp(app.ConnectionString))
        {
            await restarted.InitializeAsync();
            restarted.Clock.Advance(TimeSpan.FromHours(2));
            await restarted.RunScheduledAsync(id);
        }

        var resumed = await client.LatestRunAsync(id);
        Assert.Equal(("succeeded", 2, 3, 0, 1, 2, 0), resumed.Counts());
        Assert.Equal([saved, saved], people.Requests.Skip(requestsBefore).Select(r => r.Parameter("updated_since")));
        Assert.Equal("schedule", resumed.GetProperty("trigger").GetString());
        var contacts = await ContactsAsync(workspace);
        Assert.Equal(["Changed 1", "Person 2", "Changed 3", "Person 4", "Changed 5"], contacts.Select(c => c.FirstName));
    }

    [Fact]
    public async Task ScheduledRuns_SkipUntilBackOffEnds_WhenRemoteAnswers429ThenFails500()
    {
        await using var people = await PeopleApi.StartAsync(2);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url));
        people.Interrupt = _ => new JsonApiAnswer(429, """{"error":"slow down"}""", RetryAfter: "300");

        var limited = await app.RunNowAsync(client, id);

        Assert.Equal("failed", limited.GetProperty("status").GetString());
        Assert.Contains("429", limited.GetProperty("error").GetString(), StringComparison.Ordinal);
        var connector = await client.ConnectorAsync(id);
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(300), connector.GetProperty("next_allowed_at").GetDateTimeOffset());
        Assert.Equal(1, connector.GetProperty("consecutive_failures").GetInt32());

        app.Clock.Advance(TimeSpan.FromSeconds(299));
        await app.RunScheduledAsync(id);
        Assert.Single(await client.RunsAsync(id));
        Assert.Single(people.Requests);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        people.Interrupt = _ => new JsonApiAnswer(500, """{"error":"down"}""");
        await app.RunScheduledAsync(id);
        Assert.Equal(("failed", 0, 0, 0, 0, 0, 0), (await client.LatestRunAsync(id)).Counts());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(2), (await client.ConnectorAsync(id)).GetProperty("next_allowed_at").GetDateTimeOffset());

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.RunScheduledAsync(id);
        Assert.Equal(2, (await client.RunsAsync(id)).Length);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        people.Interrupt = _ => null;
        await app.RunScheduledAsync(id);
        Assert.Equal(("succeeded", 1, 2, 2, 0, 0, 0), (await client.LatestRunAsync(id)).Counts());
        var recovered = await client.ConnectorAsync(id);
        Assert.Equal(JsonValueKind.Null, recovered.GetProperty("next_allowed_at").ValueKind);
        Assert.Equal(0, recovered.GetProperty("consecutive_failures").GetInt32());
    }

    [Theory]
    [InlineData("bearer", "Authorization", "Bearer tok-8f3a9c")]
    [InlineData("api_key", "X-Api-Key", "key-51d7e2")]
    [InlineData("basic", "Authorization", "Basic YWRhOnMzY3JldC1wYXNz")]
    public async Task Run_SendsCredentials_AndNeverShowsThem(string type, string header, string expected)
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        object auth = type switch
        {
            "bearer" => new { type, token = "tok-8f3a9c" },
            "api_key" => new { type, header = "X-Api-Key", key = "key-51d7e2" },
            _ => new { type, username = "ada", password = "s3cret-pass" },
        };
        people.Interrupt = r => r.Header(header) == expected ? null : new JsonApiAnswer(401, """{"error":"unauthorized"}""");
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url, auth));

        var run = await app.RunNowAsync(client, id);

        Assert.Equal(("succeeded", 1, 1, 1, 0, 0, 0), run.Counts());
        Assert.Equal(expected, Assert.Single(people.Requests).Header(header));
        var shown = await client.GetStringAsync($"/api/v1/connectors/{id}", Ct);
        var secret = type == "basic" ? "s3cret-pass" : expected.Split(' ')[^1];
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(shown).RootElement.GetProperty("auth").GetProperty("secret_set").GetBoolean());
        var (audit, _) = await TrailAsync(workspace);
        Assert.Contains(audit, a => a.Action == "connector.created");
        Assert.All(audit, a => Assert.DoesNotContain(secret, a.Changes ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_FailsWithoutBackOff_WhenRemoteRefusesCredentials()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(people.Url, new { type = "bearer", token = "wrong" }));
        people.Interrupt = _ => new JsonApiAnswer(401, """{"error":"unauthorized"}""");

        var run = await app.RunNowAsync(client, id);

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("answered 401", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await client.ConnectorAsync(id)).GetProperty("next_allowed_at").ValueKind);
    }

    [Fact]
    public async Task Run_RefusesNextPageUrl_WhenItPointsAtAPrivateAddress()
    {
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok(
            """{"items":[{"id":"a1","email":"first@example.com"}],"next":"http://169.254.169.254/latest/meta-data"}"""));
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(api.Url("/feed"));
        body["items_path"] = "$.items";
        body["pagination"] = new { mode = "next_url", next_url_path = "$.next" };
        body["incremental"] = null;

        var run = await app.RunNowAsync(client, await client.CreateAsync(body));

        Assert.Equal(("failed", 1, 1, 1, 0, 0, 0), run.Counts());
        Assert.Contains("private or reserved", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(api.Requests);
        Assert.Single(await ContactsAsync(workspace));
    }

    [Fact]
    public async Task Run_CountsAndKeepsItemErrors_WithoutStoppingTheRun()
    {
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok(
            """[{"id":1,"email":"good@example.com"},{"id":2,"email":"not-an-email"},{"id":3},{"id":4,"email":"also@example.com"}]"""));
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(api.Url("/all"));
        body["items_path"] = "$";
        body["pagination"] = new { mode = "none" };

        var run = await app.RunNowAsync(client, await client.CreateAsync(body));

        Assert.Equal(("partially_failed", 1, 4, 2, 0, 0, 2), run.Counts());
        var errors = run.GetProperty("item_errors").EnumerateArray().ToList();
        Assert.Equal([1, 2], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.Contains("email", errors[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("$.email", errors[1].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await ContactsAsync(workspace)).Count);
    }

    [Fact]
    public async Task Run_StoresAnItem_AfterAnEarlierItemAboutTheSameLinkedRecordWasRolledBack()
    {
        // Both orders name customer 7. The first one's amount is bad, so its contact is rolled back with it; the
        // second must then create that contact afresh, not trip over what the first one left in memory.
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok("""
            [{"id": 10, "total": "lots", "customer": {"id": 7, "email": "ann@example.com"}},
             {"id": 11, "total": "5.00", "customer": {"id": 7, "email": "ann@example.com"}}]
            """));
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(api.Url("/orders"));
        body["items_path"] = "$";
        body["pagination"] = new { mode = "none" };
        body["mapping"] = new
        {
            @object = "deal",
            fields = new object[] { new { field = "name", path = "$.id" }, new { field = "amount", path = "$.total" } },
            upsert = new { by = "external_id", path = "$.id" },
            links = new object[]
            {
                new
                {
                    field = "contact_id",
                    mapping = new
                    {
                        @object = "contact",
                        fields = new object[] { new { field = "email", path = "$.customer.email" } },
                        upsert = new { by = "external_id", path = "$.customer.id" },
                    },
                },
            },
        };

        var run = await app.RunNowAsync(client, await client.CreateAsync(body));

        Assert.Equal(("partially_failed", 1, 2, 1, 0, 0, 1), run.Counts());
        Assert.Equal([("ann@example.com", (string?)null)], await ContactsAsync(workspace));
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<List<(string? Email, string? FirstName)>> ContactsAsync(Guid workspace)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var rows = await db.Database.SqlQueryRaw<ContactRow>(
            "SELECT email, first_name FROM contacts WHERE workspace_id = {0} ORDER BY email", workspace).ToListAsync(Ct);
        return rows.Select(r => (r.Email, r.FirstName)).ToList();
    }

    private async Task<(List<AuditEntry> Audit, List<string> Events)> TrailAsync(Guid workspace)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var audit = await db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.WorkspaceId == workspace).ToListAsync(Ct);
        var events = await db.Set<StoredEvent>().IgnoreQueryFilters().Where(e => e.WorkspaceId == workspace).Select(e => e.Type).ToListAsync(Ct);
        return (audit, events);
    }

    private sealed record ContactRow(string? Email, string? FirstName);
}
