using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Inbound.Connectors.Running;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>Arranges connectors through the API, and runs their jobs the way Hangfire would (its server is off in tests).</summary>
internal static class Connectors
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] Scopes = ["inbound:read", "inbound:write", "crm:write", "commerce:write"];

    /// <summary>A new workspace and a client whose key may manage connectors there.</summary>
    public static Task<(Guid Workspace, HttpClient Client)> ClientInNewWorkspaceAsync(this SentinelApp app) =>
        Keys.ClientInNewWorkspaceAsync(app, Scopes);

    /// <summary>A connector body for the people API: cursor pages, an <c>updated_since</c> cursor from the run's start,
    /// people → contacts matched by their id over there.</summary>
    public static Dictionary<string, object?> PeopleConnector(string url, object? auth = null) => new()
    {
        ["name"] = "People sync",
        ["url"] = url,
        ["items_path"] = "$.data",
        ["auth"] = auth,
        ["pagination"] = new { mode = "cursor", cursor_param = "cursor", cursor_path = "$.next_cursor" },
        ["incremental"] = new { param = "updated_since", from = "run_start" },
        ["schedule"] = "*/15 * * * *",
        ["mapping"] = new
        {
            @object = "contact",
            fields = new object[]
            {
                new { field = "email", path = "$.email" },
                new { field = "first_name", path = "$.first_name", optional = true },
                new { field = "custom_fields.people_id", path = "$.id" },
            },
            upsert = new { by = "external_id", path = "$.id" },
        },
    };

    public static async Task<string> CreateAsync(this HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/connectors", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>"Run now" through the API, then the queued job, as Hangfire would run it; the run as the API then shows it.</summary>
    public static async Task<JsonElement> RunNowAsync(this SentinelApp app, HttpClient client, string connectorId)
    {
        using var response = await client.PostAsync($"/api/v1/connectors/{connectorId}/run", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, connectorId, out var connector));
        Assert.True(PublicId.TryParse(IdPrefixes.ConnectorRun, runId, out var run));
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ConnectorRunner>().RunAsync(connector, run, Ct);
        }

        return await client.LatestRunAsync(connectorId);
    }

    /// <summary>The recurring job's run, as Hangfire would start it on the schedule.</summary>
    public static async Task RunScheduledAsync(this SentinelApp app, string connectorId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, connectorId, out var connector));
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<ConnectorRunner>().RunScheduledAsync(connector, Ct);
    }

    /// <summary>The connector's row as the database holds it, every column, as JSON text.</summary>
    public static async Task<string> ConnectorRowAsync(this SentinelApp app, string connectorId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, connectorId, out var id));
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
            .SqlQuery<string>($"SELECT row_to_json(c)::text AS \"Value\" FROM connectors c WHERE c.id = {id}").SingleAsync(Ct);
    }

    public static async Task<JsonElement> LatestRunAsync(this HttpClient client, string connectorId) =>
        (await client.RunsAsync(connectorId))[0];

    public static async Task<JsonElement[]> RunsAsync(this HttpClient client, string connectorId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/connectors/{connectorId}/runs", Ct)).GetProperty("data").EnumerateArray().ToArray();

    public static Task<JsonElement> ConnectorAsync(this HttpClient client, string connectorId) =>
        client.GetFromJsonAsync<JsonElement>($"/api/v1/connectors/{connectorId}", Ct);

    /// <summary>status, pages, items, created, updated, unchanged, failed of a run.</summary>
    public static (string?, int, int, int, int, int, int) Counts(this JsonElement run) => (
        run.GetProperty("status").GetString(), run.GetProperty("pages_fetched").GetInt32(), run.GetProperty("items_fetched").GetInt32(),
        run.GetProperty("created").GetInt32(), run.GetProperty("updated").GetInt32(), run.GetProperty("unchanged").GetInt32(),
        run.GetProperty("failed").GetInt32());
}
