using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hangfire;
using Hangfire.Storage;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Connectors;

public sealed class ConnectorsApiTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://10.1.2.3/people")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://192.168.0.10:8080/people")]
    public async Task Create_RefusesUrl_WhenItIsPrivateAndNotAllowListed(string url)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();

        using var response = await client.PostAsJsonAsync("/api/v1/connectors", Connectors.PeopleConnector(url), Ct);

        Assert.Contains("private or reserved", await response.AssertInvalidFieldAsync("url"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/30 * * * * *", "more than once a minute")]
    [InlineData("* * * * * *", "more than once a minute")]
    [InlineData("every hour", "not a cron expression")]
    [InlineData("61 * * * *", "not a valid cron expression")]
    public async Task Create_RefusesSchedule_WhenFasterThanAMinuteOrNotCron(string cron, string says)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people");
        body["schedule"] = cron;

        using var response = await client.PostAsJsonAsync("/api/v1/connectors", body, Ct);

        Assert.Contains(says, await response.AssertInvalidFieldAsync("schedule"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_NamesEveryBadField_WhenSeveralAreWrong()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people", new { type = "bearer" });
        body["items_path"] = "data";
        body["pagination"] = new { mode = "cursor", cursor_path = "$.next" };
        body["method"] = "DELETE";
        body["mapping"] = new { @object = "contact", fields = new[] { new { field = "email", path = "email" } } };

        using var response = await client.PostAsJsonAsync("/api/v1/connectors", body, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "items_path", "pagination.cursor_param", "method", "auth.token", "mapping.fields[0].path" }, fields);
    }

    [Fact]
    public async Task Create_RefusesApiKeyHeader_WhenTheHttpClientOwnsIt()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people", new { type = "api_key", header = "Host", key = "k-1" });

        using var response = await client.PostAsJsonAsync("/api/v1/connectors", body, Ct);

        Assert.Contains("set by the HTTP client", await response.AssertInvalidFieldAsync("auth.header"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_AnswersReadable400_WhenBodyIsNotJson()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();

        using var response = await client.PostAsync("/api/v1/connectors", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Schedule_FollowsTheConnector_WhenCreatedDisabledAndDeleted()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector("http://127.0.0.1:9/people", new { type = "bearer", token = "tok-1" });
        var id = await client.CreateAsync(body);
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, id, out var guid));
        var jobId = $"connector-{guid:N}";

        Assert.Equal("*/15 * * * *", RecurringJob(jobId)?.Cron);

        body["schedule"] = "0 * * * *";
        body["auth"] = new { type = "bearer" };
        using (var updated = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }

        Assert.Equal("0 * * * *", RecurringJob(jobId)?.Cron);
        Assert.True((await client.ConnectorAsync(id)).GetProperty("auth").GetProperty("secret_set").GetBoolean());

        body["enabled"] = false;
        using (var disabled = await client.PutAsJsonAsync($"/api/v1/connectors/{id}", body, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        Assert.Null(RecurringJob(jobId));
        using var deleted = await client.DeleteAsync($"/api/v1/connectors/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await client.GetAsync($"/api/v1/connectors/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task StartUp_SchedulesConnectorsAgain_WhenTheirJobsAreGone()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector("http://127.0.0.1:9/people"));
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, id, out var guid));
        app.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists($"connector-{guid:N}");
        Assert.Null(RecurringJob($"connector-{guid:N}"));

        await using (var restarted = new RestartedConnectorsApp(app.ConnectionString))
        {
            await restarted.InitializeAsync();
        }

        Assert.Equal("*/15 * * * *", RecurringJob($"connector-{guid:N}")?.Cron);
    }

    [Fact]
    public async Task RunNow_Answers409_WhileARunIsQueued()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector("http://127.0.0.1:9/people"));

        using var first = await client.PostAsync($"/api/v1/connectors/{id}/run", null, Ct);
        using var second = await client.PostAsync($"/api/v1/connectors/{id}/run", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("queued", Assert.Single(await client.RunsAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Connectors_AreInvisible_FromAnotherWorkspace()
    {
        var (_, owner) = await app.ClientInNewWorkspaceAsync();
        var (_, other) = await app.ClientInNewWorkspaceAsync();
        var id = await owner.CreateAsync(Connectors.PeopleConnector("http://127.0.0.1:9/people"));

        await (await other.GetAsync($"/api/v1/connectors/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/connectors/{id}/run", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await other.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/connectors", Ct)).GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Writing_NeedsInboundWriteScope()
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        var reader = app.Client((await Keys.IssueAsync(app, ["inbound:read", "webhooks:write", "crm:write"], workspace)).Key);

        using var response = await reader.PostAsJsonAsync("/api/v1/connectors", Connectors.PeopleConnector("http://127.0.0.1:9/people"), Ct);

        Assert.Equal("inbound:write", (await response.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
    }

    [Fact]
    public async Task CreateAndUpdate_Answer403NamingTheWriteScope_OfEachObjectTheMappingWrites()
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        var inboundOnly = app.Client((await Keys.IssueAsync(app, ["inbound:read", "inbound:write"], workspace)).Key);
        var owner = app.Client((await Keys.IssueAsync(app, [.. Connectors.Scopes], workspace)).Key);
        var people = Connectors.PeopleConnector("http://127.0.0.1:9/people");
        var products = Connectors.PeopleConnector("http://127.0.0.1:9/people");
        products["mapping"] = new
        {
            @object = "product",
            fields = new object[] { new { field = "name", path = "$.name" } },
            upsert = new { by = "none" },
        };

        using var create = await inboundOnly.PostAsJsonAsync("/api/v1/connectors", people, Ct);
        using var createProduct = await app.Client((await Keys.IssueAsync(app, ["inbound:write", "crm:write"], workspace)).Key)
            .PostAsJsonAsync("/api/v1/connectors", products, Ct);
        using var created = await owner.PostAsJsonAsync("/api/v1/connectors", people, Ct);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetString();
        people["name"] = "Renamed";
        using var update = await inboundOnly.PutAsJsonAsync($"/api/v1/connectors/{id}", people, Ct);

        Assert.Equal("crm:write", (await create.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("commerce:write", (await createProduct.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("crm:write", (await update.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("People sync", (await owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/connectors/{id}", Ct)).GetProperty("name").GetString());
        using var run = await inboundOnly.PostAsync($"/api/v1/connectors/{id}/run", null, Ct);
        Assert.Equal("crm:write", (await run.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
    }

    private RecurringJobDto? RecurringJob(string id)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([id]).FirstOrDefault(j => !j.Removed && j.Job is not null);
    }
}
