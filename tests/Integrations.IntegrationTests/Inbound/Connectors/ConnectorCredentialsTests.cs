using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>Credentials go only to the connector's own host, and are never shown: not in its URL's query either.</summary>
public sealed class ConnectorCredentialsTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_RefusesNextPageOnAnotherHost_AndSendsItNoCredentials()
    {
        await using var other = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok("""{"items":[]}"""));
        var elsewhere = other.Url("/feed?page=2");
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok(JsonSerializer.Serialize(new
        {
            items = new[] { new { id = "a1", email = "first@example.com" } },
            next = elsewhere,
        })));
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(api.Url("/feed"), new { type = "bearer", token = "tok-origin-only" });
        body["items_path"] = "$.items";
        body["pagination"] = new { mode = "next_url", next_url_path = "$.next" };
        body["incremental"] = null;

        var run = await app.RunNowAsync(client, await client.CreateAsync(body));

        Assert.Equal(("failed", 1, 1, 1, 0, 0, 0), run.Counts());
        Assert.Contains($"another host ({other.BaseUrl.Authority})", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(other.Requests);
        Assert.Equal("Bearer tok-origin-only", Assert.Single(api.Requests).Header("Authorization"));
    }

    [Theory]
    [InlineData("bearer", "auth.token", "url", "http://127.0.0.1:10/people", "another host")]
    [InlineData("api_key", "auth.key", "url", "http://127.0.0.1:10/people", "another host")]
    [InlineData("basic", "auth.password", "url", "http://127.0.0.1:10/people", "another host")]
    [InlineData("bearer", "auth.token", "url", "http://127.0.0.1:9/admin/export", "path or query")]
    [InlineData("bearer", "auth.token", "url", "http://127.0.0.1:9/people?include=secrets", "path or query")]
    [InlineData("basic", "auth.password", "method", "GET", "method")]
    [InlineData("bearer", "auth.token", "body", "{\"all\": true}", "body")]
    [InlineData("api_key", "auth.key", "header", "X-Other-Key", "header")]
    public async Task Update_AsksForCredentialsAgain_WhenTheRequestTheyGoWithChanges(
        string type, string field, string change, string value, string says)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        object given = type switch
        {
            "bearer" => new { type, token = "tok-1" },
            "api_key" => new { type, header = "X-Api-Key", key = "key-1" },
            _ => new { type, username = "ada", password = "pass-1" },
        };
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people", given);
        body["method"] = "POST";
        body["body"] = "{}";
        var id = await client.CreateAsync(body);
        body["auth"] = type switch
        {
            "api_key" => new { type, header = "X-Api-Key" },
            "basic" => new { type, username = "ada" },
            _ => new { type },
        };

        body["name"] = "Renamed, nothing else";
        using (var renamed = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        if (change == "header")
        {
            body["auth"] = new { type, header = value };
        }
        else
        {
            body[change] = value;
        }

        using var changed = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct);

        Assert.Contains(says, await changed.AssertInvalidFieldAsync(field), StringComparison.Ordinal);
        var stored = await client.ConnectorAsync(id);
        Assert.Equal(("http://127.0.0.1:9/people", "POST", "Renamed, nothing else"),
            (stored.GetProperty("url").GetString(), stored.GetProperty("method").GetString(), stored.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Connector_RedactsCredentialsInItsUrlQuery_AndKeepsThemWhenTheShownUrlComesBackEdited()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(people.Url + "?api_key=sk-q7x2&status=open&Access_Token=at-9z");
        var id = await client.CreateAsync(body);

        var shown = await client.GetStringAsync($"/api/v1/connectors/{id}", Ct);
        var url = JsonDocument.Parse(shown).RootElement.GetProperty("url").GetString()!;
        Assert.Equal(people.Url + "?api_key=REDACTED&status=open&Access_Token=REDACTED", url);
        body["url"] = url.Replace("status=open", "status=all", StringComparison.Ordinal);
        body["name"] = "Renamed";
        using (var updated = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }

        await app.RunNowAsync(client, id);

        var request = Assert.Single(people.Requests);
        Assert.Equal("sk-q7x2", request.Parameter("api_key"));
        Assert.Equal("at-9z", request.Parameter("Access_Token"));
        Assert.Equal("all", request.Parameter("status"));
        var audit = await AuditAsync(workspace);
        Assert.Contains(audit, a => a.Contains("api_key=REDACTED", StringComparison.Ordinal));
        foreach (var text in audit.Append(shown).Append(await client.GetStringAsync("/api/v1/connectors", Ct)))
        {
            Assert.DoesNotContain("sk-q7x2", text, StringComparison.Ordinal);
            Assert.DoesNotContain("at-9z", text, StringComparison.Ordinal);
        }
    }

    private async Task<List<string>> AuditAsync(Guid workspace)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        return await db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.WorkspaceId == workspace && a.Changes != null)
            .Select(a => a.Changes!).ToListAsync(Ct);
    }
}
