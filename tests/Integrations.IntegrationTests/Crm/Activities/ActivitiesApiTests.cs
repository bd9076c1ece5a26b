using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Crm.Activities;

/// <summary>Activities over the records API, like any other object.</summary>
public sealed class ActivitiesApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Meeting(object? participants = null) => new
    {
        kind = "meeting",
        subject = "Quarterly review",
        occurred_at = "2026-05-15T10:05:00+02:00",
        direction = "outbound",
        channel = "manual",
        body = "Agenda: numbers.",
        participants = participants ?? new object[]
        {
            new { role = "organizer", email = "Me@Example.com", name = "Me" },
            new { role = "attendee", phone = "+1 555 010 2000" },
        },
    };

    [Fact]
    public async Task Crud_StoresAndReturnsAnActivity_UnderBothNames()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read", "crm:write", "crm:delete");
        var contact = await CreateAsync(client, "contact", new { email = "ada@example.com" });

        var created = await client.PostAsJsonAsync("/api/v1/records/activity",
            new { kind = "email", occurred_at = "2026-05-15T10:05:00Z", subject = "Hello", contact_id = (string?)contact["id"] }, Ct);
        var record = (await created.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var id = (string)record["id"]!;
        var patched = await client.PatchAsJsonAsync($"/api/v1/records/activities/{id}", Meeting(), Ct);
        var fetched = await client.GetFromJsonAsync<JsonObject>($"/api/v1/records/activities/{id}", Ct);
        var listed = await client.GetFromJsonAsync<JsonObject>($"/api/v1/records/activity?contact_id={contact["id"]}", Ct);
        var deleted = await client.DeleteAsync($"/api/v1/records/activity/{id}", Ct);
        var gone = await client.GetAsync($"/api/v1/records/activity/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith("act_", id, StringComparison.Ordinal);
        Assert.Equal("2026-05-15T10:05:00.0000000+00:00", (string?)record["occurred_at"]);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal("meeting", (string?)fetched!["kind"]);
        Assert.Equal("2026-05-15T08:05:00.0000000+00:00", (string?)fetched["occurred_at"]);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"role":"organizer","email":"me@example.com","name":"Me"},{"role":"attendee","phone":"+1 555 010 2000"}]"""),
            fetched["participants"]), fetched["participants"]!.ToJsonString());
        Assert.Equal(id, (string?)Assert.Single(listed!["data"]!.AsArray())!["id"]);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("kind", "\"lunch\"", "is not one of: Email, Meeting, Message, Call, Note")]
    [InlineData("occurred_at", "\"yesterday\"", "is not an ISO 8601 time")]
    [InlineData("occurred_at", "\"2026-13-40T10:00:00Z\"", "is not an ISO 8601 time")]
    [InlineData("participants", "\"ada@example.com\"", "must be a JSON array of participants")]
    [InlineData("participants", "{\"role\": \"from\"}", "must be an array of participants")]
    [InlineData("participants", "[{\"role\": \"from\", \"email\": \"bob@\"}]", "participants[0].email 'bob@' is not a valid email address")]
    [InlineData("participants", "[{\"role\": \"boss\", \"email\": \"bob@example.com\"}]", "participants[0].role 'boss' is not one of")]
    [InlineData("participants", "[{\"role\": \"to\", \"name\": \"Bob\"}]", "participants[0] needs an email or a phone")]
    [InlineData("direction", "\"sideways\"", "is not one of: Inbound, Outbound")]
    public async Task Create_Returns400NamingTheField_AndStoresNothing_WhenAValueIsBad(string field, string json, string message)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read", "crm:write");
        var body = JsonNode.Parse("""{"kind": "note", "occurred_at": "2026-05-15T10:05:00Z"}""")!.AsObject();
        body[field] = JsonNode.Parse(json);

        var response = await client.PostAsJsonAsync("/api/v1/records/activity", body, Ct);

        Assert.Contains(message, await response.AssertInvalidFieldAsync(field), StringComparison.Ordinal);
        await AssertNoActivitiesAsync(client);
    }

    [Fact]
    public async Task Create_Returns400NamingBody_WhenItIsOver64KB()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read", "crm:write");

        var response = await client.PostAsJsonAsync("/api/v1/records/activity",
            new { kind = "note", occurred_at = "2026-05-15T10:05:00Z", body = new string('x', 65_537) }, Ct);
        var fits = await client.PostAsJsonAsync("/api/v1/records/activity",
            new { kind = "note", occurred_at = "2026-05-15T10:05:00Z", body = new string('x', 65_536) }, Ct);

        Assert.Contains("the most is 65536", await response.AssertInvalidFieldAsync("body"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task Create_Returns400NamingParticipants_WhenThereAreMoreThan200()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read", "crm:write");
        var many = Enumerable.Range(0, 201).Select(i => new { role = "to", email = $"p{i}@example.com" }).ToArray();

        var response = await client.PostAsJsonAsync("/api/v1/records/activity", Meeting(many), Ct);

        Assert.Contains("the most is 200", await response.AssertInvalidFieldAsync("participants"), StringComparison.Ordinal);
        await AssertNoActivitiesAsync(client);
    }

    [Fact]
    public async Task Create_Returns400NamingKindAndOccurredAt_WhenMissing()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read", "crm:write");

        var response = await client.PostAsJsonAsync("/api/v1/records/activity", new { subject = "Nothing else" }, Ct);

        Assert.Contains("kind is required", await response.AssertInvalidFieldAsync("kind"), StringComparison.Ordinal);
        await AssertNoActivitiesAsync(client);
    }

    [Fact]
    public async Task Create_Returns409NamingExternalId_WhenTheConnectionAlreadyHasIt()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("crm:read", "crm:write");
        var synced = new { kind = "email", occurred_at = "2026-05-15T10:05:00Z", connection_id = "cxn_0193a000000070008000000000000001", external_id = "m-1" };
        await CreateAsync(client, "activity", synced);

        var again = await client.PostAsJsonAsync("/api/v1/records/activity", synced, Ct);

        var problem = await again.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.True(problem.GetProperty("errors").TryGetProperty("external_id", out _));
        var listed = await client.GetFromJsonAsync<JsonObject>("/api/v1/records/activity", Ct);
        Assert.Single(listed!["data"]!.AsArray());
    }

    private static async Task AssertNoActivitiesAsync(HttpClient client)
    {
        var listed = await client.GetFromJsonAsync<JsonObject>("/api/v1/records/activity", Ct);
        Assert.Empty(listed!["data"]!.AsArray());
    }

    private static async Task<JsonObject> CreateAsync(HttpClient client, string type, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/records/{type}", body, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
