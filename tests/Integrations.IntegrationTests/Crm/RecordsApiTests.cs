using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Crm;

/// <summary>The records API over HTTP, as an integrating system sees it.</summary>
public sealed class RecordsApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static readonly string[] CrmAll = ["crm:read", "crm:write", "crm:delete"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Returns201AndTheRecord_ThenGetReturnsTheSame()
    {
        var client = await ClientAsync(CrmAll);

        var created = await client.PostAsJsonAsync("/api/v1/records/contact",
            new { first_name = "Grace", email = $"grace.{Unique()}@example.com", custom_fields = new { plan = "pro" } }, Ct);
        var record = await created.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var fetched = await client.GetFromJsonAsync<JsonObject>(created.Headers.Location, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("contact", (string?)record!["object"]);
        Assert.Equal("pro", (string?)record["custom_fields"]!["plan"]);
        Assert.Equal(record.ToJsonString(), fetched!.ToJsonString());
    }

    [Fact]
    public async Task Create_Returns400NamingTheField_WhenAValueIsInvalid()
    {
        var client = await ClientAsync(CrmAll);

        var response = await client.PostAsJsonAsync("/api/v1/records/deal", new { name = "Deal", amount = -5, stage = "Won-ish" }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("must not be negative", (string?)problem!["errors"]!["amount"]![0], StringComparison.Ordinal);
        Assert.Contains("Closed Won", (string?)problem["errors"]!["stage"]![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Returns400NamingTheField_WhenATextHoldsNul()
    {
        // Postgres text and jsonb cannot hold U+0000: refused up front instead of failing the write.
        var client = await ClientAsync(CrmAll);

        var response = await client.PostAsJsonAsync("/api/v1/records/contact",
            new { first_name = "Nul\u0000Name", custom_fields = new { note = "a\u0000b" } }, Ct);

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("NUL character", errors.GetProperty("first_name")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("NUL character", errors.GetProperty("custom_fields.note")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_Returns400NamingQ_WhenTheSearchHoldsNul()
    {
        var client = await ClientAsync(CrmAll);

        var response = await client.GetAsync("/api/v1/records/contact?q=a%00b", Ct);

        Assert.Contains("NUL character", await response.AssertInvalidFieldAsync("q"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Returns400NamingTheField_WhenTheFieldIsUnknown()
    {
        var client = await ClientAsync(CrmAll);

        var response = await client.PostAsJsonAsync("/api/v1/records/account", new { name = "Acme", color = "blue" }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("custom_fields", (string?)problem!["errors"]!["color"]![0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public async Task Create_Returns400ProblemDetails_WhenTheBodyIsNotAJsonObject(string body)
    {
        var client = await ClientAsync(CrmAll);

        var response = await client.PostAsync("/api/v1/records/account", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheGivenFields_AndNullClearsOne()
    {
        var client = await ClientAsync(CrmAll);
        var created = await CreateAsync(client, "contact", new { first_name = "Alan", last_name = "Turing", phone = "+44 20 1234 5678" });

        var response = await client.PatchAsJsonAsync($"/api/v1/records/contact/{created["id"]}", new { job_title = "Mathematician", phone = (string?)null }, Ct);
        var patched = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Alan", (string?)patched!["first_name"]);
        Assert.Equal("Mathematician", (string?)patched["job_title"]);
        Assert.Null(patched["phone"]);
    }

    [Fact]
    public async Task Opportunity_IsAnAliasForDeals_AndMovingToClosedWonSticks()
    {
        var client = await ClientAsync(CrmAll);
        var deal = await CreateAsync(client, "opportunity", new { name = "Renewal", amount = 1200.5, currency = "eur" });

        var moved = await client.PatchAsJsonAsync($"/api/v1/records/opportunity/{deal["id"]}", new { stage = "Closed Won" }, Ct);
        var fetched = await client.GetFromJsonAsync<JsonObject>($"/api/v1/records/deal/{deal["id"]}", Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("closed_won", (string?)fetched!["stage"]);
        Assert.Equal("EUR", (string?)fetched["currency"]);
        Assert.Equal(1200.5m, (decimal)fetched["amount"]!);
    }

    [Fact]
    public async Task Delete_Returns204_ThenTheRecordIsGone()
    {
        var client = await ClientAsync(CrmAll);
        var account = await CreateAsync(client, "account", new { name = "Gone Ltd" });

        var deleted = await client.DeleteAsync($"/api/v1/records/account/{account["id"]}", Ct);
        var fetched = await client.GetAsync($"/api/v1/records/account/{account["id"]}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
    }

    [Fact]
    public async Task List_PagesWithACursor_AndFiltersByField()
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        var client = await ClientAsync(CrmAll, workspace);
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync(client, "account", new { name = $"Account {i}", industry = i % 2 == 0 ? "Retail" : "Energy" });
        }

        var first = await client.GetFromJsonAsync<JsonObject>("/api/v1/records/account?limit=2", Ct);
        var second = await client.GetFromJsonAsync<JsonObject>($"/api/v1/records/account?limit=2&cursor={first!["next_cursor"]}", Ct);
        var retail = await client.GetFromJsonAsync<JsonObject>("/api/v1/records/account?industry=Retail", Ct);
        var future = await client.GetFromJsonAsync<JsonObject>("/api/v1/records/account?updated_since=2999-01-01T00:00:00Z", Ct);

        Assert.Equal(["Account 0", "Account 1"], Names(first));
        Assert.True((bool)first["has_more"]!);
        Assert.Equal(["Account 2", "Account 3"], Names(second));
        Assert.Equal(["Account 0", "Account 2", "Account 4"], Names(retail));
        Assert.Empty(Names(future));
    }

    [Fact]
    public async Task List_Returns400NamingTheParameter_WhenItIsUnknown()
    {
        var client = await ClientAsync(CrmAll);

        var response = await client.GetAsync("/api/v1/records/contact?emial=x@example.com", Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem!["errors"]!["emial"]);
    }

    [Fact]
    public async Task ScopeChecks_NameTheMissingScope_PerObject()
    {
        var reader = await ClientAsync(["crm:read"]);
        var commerce = await ClientAsync(["commerce:read", "commerce:write"]);

        var write = await reader.PostAsJsonAsync("/api/v1/records/contact", new { last_name = "Nope" }, Ct);
        var readContacts = await commerce.GetAsync("/api/v1/records/contact", Ct);
        var writeProducts = await commerce.PostAsJsonAsync("/api/v1/records/product", new { name = "Fine" }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("crm:write", (string?)(await write.Content.ReadFromJsonAsync<JsonObject>(Ct))!["required_scope"]);
        Assert.Equal(HttpStatusCode.Forbidden, readContacts.StatusCode);
        Assert.Equal("crm:read", (string?)(await readContacts.Content.ReadFromJsonAsync<JsonObject>(Ct))!["required_scope"]);
        Assert.Equal(HttpStatusCode.Created, writeProducts.StatusCode);
    }

    [Fact]
    public async Task AnotherWorkspacesRecord_Is404_ForReadUpdateAndDelete()
    {
        var mine = await ClientAsync(CrmAll);
        var theirs = await ClientAsync(CrmAll, await Keys.NewWorkspaceAsync(app));
        var record = await CreateAsync(theirs, "contact", new { last_name = "Private" });

        Assert.Equal(HttpStatusCode.NotFound, (await mine.GetAsync($"/api/v1/records/contact/{record["id"]}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.PatchAsJsonAsync($"/api/v1/records/contact/{record["id"]}", new { last_name = "Mine" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mine.DeleteAsync($"/api/v1/records/contact/{record["id"]}", Ct)).StatusCode);
        Assert.Equal("Private", (string?)(await theirs.GetFromJsonAsync<JsonObject>($"/api/v1/records/contact/{record["id"]}", Ct))!["last_name"]);
    }

    [Fact]
    public async Task Bulk_UpsertsByEmail_AndReportsEachRecord()
    {
        var client = await ClientAsync([.. CrmAll, "bulk:write"]);
        var email = $"known.{Unique()}@example.com";
        await CreateAsync(client, "contact", new { first_name = "Known", email });

        var response = await client.PostAsJsonAsync("/api/v1/records/contact/bulk", new
        {
            upsert_by = "email",
            records = new object[] { new { email, job_title = "CTO" }, new { email = $"new.{Unique()}@example.com", last_name = "New" } },
        }, Ct);
        var result = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (int)result!["created"]!);
        Assert.Equal(1, (int)result["updated"]!);
        Assert.Equal("updated", (string?)result["results"]![0]!["status"]);
        var known = await client.GetFromJsonAsync<JsonObject>($"/api/v1/records/contact/{result["results"]![0]!["id"]}", Ct);
        Assert.Equal("Known", (string?)known!["first_name"]);
        Assert.Equal("CTO", (string?)known["job_title"]);
    }

    [Fact]
    public async Task Bulk_StoresNothing_WhenOneRecordIsInvalid()
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        var client = await ClientAsync([.. CrmAll, "bulk:write"], workspace);

        var response = await client.PostAsJsonAsync("/api/v1/records/contact/bulk", new
        {
            records = new object[] { new { email = "ok@example.com" }, new { email = "bob@" }, new { email = "fine@example.com" } },
        }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        var listed = await client.GetFromJsonAsync<JsonObject>("/api/v1/records/contact", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'bob@' is not a valid email address", (string?)problem!["errors"]!["records[1].email"]![0], StringComparison.Ordinal);
        Assert.Empty(Names(listed));
    }

    [Fact]
    public async Task Bulk_Requires_BulkWriteScope_AndAtMost1000Records()
    {
        var withoutBulk = await ClientAsync(CrmAll);
        var withBulk = await ClientAsync([.. CrmAll, "bulk:write"]);

        var refused = await withoutBulk.PostAsJsonAsync("/api/v1/records/contact/bulk", new { records = new[] { new { last_name = "A" } } }, Ct);
        var tooMany = await withBulk.PostAsJsonAsync("/api/v1/records/contact/bulk",
            new { records = Enumerable.Range(0, 1001).Select(i => new { last_name = $"N{i}" }) }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("bulk:write", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>(Ct))!["required_scope"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.NotNull((await tooMany.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!["records"]);
    }

    [Fact]
    public async Task Audit_ListsWhoChangedWhat_ForAnAuditReadKey()
    {
        var workspace = await Keys.NewWorkspaceAsync(app);
        var writer = await ClientAsync(CrmAll, workspace);
        var auditor = await ClientAsync(["audit:read"], workspace);
        var created = await CreateAsync(writer, "account", new { name = "Audited Inc" });

        var page = await auditor.GetFromJsonAsync<JsonObject>($"/api/v1/audit?object_id={created["id"]}", Ct);
        var refused = await writer.GetAsync("/api/v1/audit", Ct);

        var entry = Assert.Single(page!["data"]!.AsArray());
        Assert.Equal("account.created", (string?)entry!["action"]);
        Assert.Equal("api_key", (string?)entry["actor"]!["type"]);
        Assert.Equal("api", (string?)entry["source"]);
        Assert.Equal("Audited Inc", (string?)entry["changes"]!["name"]!["to"]);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private async Task<HttpClient> ClientAsync(string[] scopes, Guid? workspace = null) =>
        app.Client((await Keys.IssueAsync(app, scopes, workspace)).Key);

    private static async Task<JsonObject> CreateAsync(HttpClient client, string type, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/records/{type}", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }

    private static string[] Names(JsonObject? page) =>
        page!["data"]!.AsArray().Select(r => (string?)r!["name"] ?? "").ToArray();

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
