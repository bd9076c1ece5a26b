using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
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
    public async Task QueryCredentials_AreStoredEncrypted_NeverShown_AndKeptOnlyWhileTheRequestStaysTheSame()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(people.Url + "?api_key=sk-q7x2&status=open&Access_Token=at-9z");
        var id = await client.CreateAsync(body);

        var shown = await client.GetStringAsync($"/api/v1/connectors/{id}", Ct);
        var url = JsonDocument.Parse(shown).RootElement.GetProperty("url").GetString()!;
        Assert.Equal(people.Url + "?api_key=REDACTED&status=open&Access_Token=REDACTED", url);
        body["url"] = url;
        body["name"] = "Renamed";
        using (var renamed = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        await app.RunNowAsync(client, id);
        var first = Assert.Single(people.Requests);
        Assert.Equal(("sk-q7x2", "at-9z", "open"), (first.Parameter("api_key"), first.Parameter("Access_Token"), first.Parameter("status")));

        body["url"] = url.Replace("status=open", "status=all", StringComparison.Ordinal);
        using (var requery = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            var error = await requery.AssertInvalidFieldAsync("url");
            Assert.Contains("path or query changed: give the value of api_key, Access_Token again", error, StringComparison.Ordinal);
        }

        body["url"] = people.Url + "?api_key=sk-new&status=all&Access_Token=at-new";
        using (var given = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        }

        await app.RunNowAsync(client, id);
        var second = people.Requests[^1];
        Assert.Equal(("sk-new", "at-new", "all"), (second.Parameter("api_key"), second.Parameter("Access_Token"), second.Parameter("status")));
        var audit = await AuditAsync(workspace);
        Assert.Contains(audit, a => a.Contains("api_key=REDACTED", StringComparison.Ordinal));
        var texts = audit.Append(shown).Append(await client.GetStringAsync("/api/v1/connectors", Ct)).Append(await app.ConnectorRowAsync(id));
        foreach (var secret in new[] { "sk-q7x2", "at-9z", "sk-new", "at-new" })
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task BodyCredentials_AreStoredEncrypted_NeverShown_AndKeptOnlyWhileTheRequestStaysTheSame()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (workspace, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(people.Url);
        body["method"] = "POST";
        body["body"] = """
            {"client_id": "c-1", "client_secret": "cs-77", "filter": {"status": "open", "x-api-key": "ak-88"},
             "logins": [{"user": "ada", "password": "pw-1"}], "note": "café"}
            """;
        var id = await client.CreateAsync(body);

        var shownBody = (await client.ConnectorAsync(id)).GetProperty("body").GetString()!;
        Assert.Equal("""{"client_id":"c-1","client_secret":"REDACTED","filter":{"status":"open","x-api-key":"REDACTED"},"logins":[{"user":"ada","password":"REDACTED"}],"note":"café"}""",
            shownBody);
        body["body"] = shownBody;
        body["name"] = "Renamed";
        using (var renamed = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        }

        await app.RunNowAsync(client, id);
        var sent = JsonDocument.Parse(Assert.Single(people.Requests).Body).RootElement;
        Assert.Equal(("cs-77", "ak-88", "pw-1", "c-1"), (sent.GetProperty("client_secret").GetString(),
            sent.GetProperty("filter").GetProperty("x-api-key").GetString(), sent.GetProperty("logins")[0].GetProperty("password").GetString(),
            sent.GetProperty("client_id").GetString()));

        body["body"] = shownBody.Replace("\"open\"", "\"all\"", StringComparison.Ordinal);
        using (var changed = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            var error = await changed.AssertInvalidFieldAsync("body");
            Assert.Contains("body changed: give the value of $.client_secret, $.filter['x-api-key'], $.logins[0].password again", error,
                StringComparison.Ordinal);
        }

        var texts = (await AuditAsync(workspace)).Append(await client.GetStringAsync("/api/v1/connectors", Ct)).Append(await app.ConnectorRowAsync(id));
        foreach (var secret in new[] { "cs-77", "ak-88", "pw-1" })
        {
            Assert.All(texts, text => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{'token': 'sk-single-quoted'}")]
    [InlineData("""{"token": "sk-twice-1", "token": "sk-twice-2"}""")]
    public async Task Create_RefusesABodyThatIsNotStrictJson_SoNoCredentialInItEscapesRedaction(string json)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people");
        body["method"] = "POST";
        body["body"] = json;

        using var created = await client.PostAsJsonAsync("/api/v1/connectors", body, Ct);

        Assert.Contains("valid JSON", await created.AssertInvalidFieldAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SendsBodyCredentialsToNoOtherHost_EvenWithoutAuth()
    {
        await using var other = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok("""{"items":[]}"""));
        var elsewhere = other.Url("/collect");
        await using var api = await LocalJsonApi.StartAsync(_ => JsonApiAnswer.Ok(JsonSerializer.Serialize(new
        {
            items = new[] { new { id = "a1", email = "first@example.com" } },
            next = elsewhere,
        })));
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(api.Url("/feed"));
        body["method"] = "POST";
        body["body"] = """{"client_secret": "cs-origin-only"}""";
        body["items_path"] = "$.items";
        body["pagination"] = new { mode = "next_url", next_url_path = "$.next" };
        body["incremental"] = null;

        var run = await app.RunNowAsync(client, await client.CreateAsync(body));

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains($"another host ({other.BaseUrl.Authority})", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task Update_TakesCredentialsGivenAgain_WhenTheStoredOnesCanNoLongerBeRead()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(people.Url + "?api_key=old-unreadable", new { type = "bearer", token = "tok-old" });
        var id = await client.CreateAsync(body);
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, id, out var connectorId));
        await using (var scope = app.Scope())
        {
            // As after the key that protected them is lost: the ciphertexts no longer decrypt.
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.ExecuteSqlAsync(
                $"UPDATE connectors SET request_ciphertext = 'CfDJ8damaged', auth_ciphertext = 'CfDJ8damaged' WHERE id = {connectorId}", Ct);
        }

        body["auth"] = new { type = "bearer" };
        using (var asked = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Contains("can no longer be read", await asked.AssertInvalidFieldAsync("auth.token"), StringComparison.Ordinal);
        }

        body["url"] = people.Url + "?api_key=new-readable";
        body["auth"] = new { type = "bearer", token = "tok-new" };
        using (var given = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        }

        await app.RunNowAsync(client, id);
        var sent = Assert.Single(people.Requests);
        Assert.Equal(("new-readable", "Bearer tok-new"), (sent.Parameter("api_key"), sent.Header("Authorization")));
    }

    [Theory]
    [InlineData("url", "http://127.0.0.1:9/people?token=REDACTED", "token")]
    [InlineData("body", "{\"secret\": \"REDACTED\"}", "$.secret")]
    public async Task Create_RefusesRedactedPlaceholders_ForThereIsNothingStoredToPutBack(string field, string value, string named)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people");
        body["method"] = "POST";
        body[field] = value;

        using var created = await client.PostAsJsonAsync("/api/v1/connectors", body, Ct);

        Assert.Contains($"there is none here: give the value of {named}", await created.AssertInvalidFieldAsync(field), StringComparison.Ordinal);
    }

    private async Task<List<string>> AuditAsync(Guid workspace)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        return await db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.WorkspaceId == workspace && a.Changes != null)
            .Select(a => a.Changes!).ToListAsync(Ct);
    }
}
