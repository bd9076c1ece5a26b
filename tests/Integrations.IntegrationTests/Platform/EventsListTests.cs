using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Webhooks.Log;
using Microsoft.EntityFrameworkCore;

namespace Integrations.IntegrationTests.Platform;

/// <summary><c>GET /api/v1/events</c>: each test in a workspace of its own, with a key per set of scopes.</summary>
public sealed class EventsListTests(ClockedSentinelApp app) : IClassFixture<ClockedSentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Writer = ["crm:write", "crm:delete", "crm:read", "commerce:write", "commerce:read", "events:publish", "events:read", "webhooks:write"];

    [Fact]
    public async Task List_ShowsOneEventPerChangeNewestFirst_EachAsItsDeliveryCarriesIt()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Writer);
        var webhook = Subscribers.IdOf(await client.SubscribeAsync(["record.created", "contact.updated"]));
        var contact = await CreateAsync(client, "contact", new { email = "ada@example.com" });
        using var patch = await client.PatchAsJsonAsync($"/api/v1/records/contact/{contact}", new { first_name = "Ada" }, Ct);
        using var delete = await client.DeleteAsync($"/api/v1/records/contact/{contact}", Ct);
        await PublishAsync(client, "invoice.paid");

        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/events", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NoContent), (patch.StatusCode, delete.StatusCode));
        var events = page.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(["invoice.paid", "record.deleted", "contact.updated", "contact.created"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.False(page.GetProperty("has_more").GetBoolean());
        Assert.Equal(4, await app.QueryAsync(db => db.All<StoredEvent>().CountAsync(e => e.WorkspaceId == workspace, Ct)));
        Assert.All(events.Skip(1), e => Assert.Equal(contact, e.GetProperty("data").GetProperty("id").GetString()));
        var bodies = await app.QueryAsync(db => db.All<WebhookDelivery>().Where(d => d.SubscriptionId == webhook).OrderBy(d => d.Id).Select(d => d.Body).ToListAsync(Ct));
        Assert.Equal(2, bodies.Count);
        var created = JsonNode.Parse(bodies[0])!;
        var listed = JsonNode.Parse(events[3].GetRawText())!;
        Assert.Equal("record.created", (string?)created["event"]);
        listed["event"] = "record.created";
        Assert.True(JsonNode.DeepEquals(created, listed), $"{created.ToJsonString()} vs {listed.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(bodies[1]), JsonNode.Parse(events[2].GetRawText())));
    }

    [Fact]
    public async Task List_FiltersByExactType_AndAGenericTypeListsEveryKindOfIt()
    {
        var client = (await app.ClientInNewWorkspaceAsync(Writer)).Client;
        var contact = await CreateAsync(client, "contact", new { email = "bo@example.com" });
        var account = await CreateAsync(client, "account", new { name = "Acme" });
        var product = await CreateAsync(client, "product", new { name = "Seat" });
        using var patch = await client.PatchAsJsonAsync($"/api/v1/records/contact/{contact}", new { first_name = "Bo" }, Ct);
        await PublishAsync(client, "invoice.paid");

        Assert.Equal([("contact.created", contact)], await TypesAsync(client, "?type=contact.created"));
        Assert.Equal([("product.created", product), ("account.created", account), ("contact.created", contact)],
            await TypesAsync(client, "?type=record.created"));
        Assert.Equal([("contact.updated", contact)], await TypesAsync(client, "?type=record.updated"));
        Assert.Empty(await TypesAsync(client, "?type=deal.created"));
    }

    [Fact]
    public async Task List_PagesWithTheCursor_ThroughEveryEventOnce()
    {
        var client = (await app.ClientInNewWorkspaceAsync("events:publish", "events:read")).Client;
        var published = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            published.AddRange(await PublishAsync(client, "invoice.paid", "ticket.assigned"));
        }

        var seen = new List<string>();
        var pages = new List<(int Count, bool HasMore)>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?limit=4{(cursor is null ? "" : "&cursor=" + cursor)}", Ct);
            var data = page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToList();
            seen.AddRange(data);
            pages.Add((data.Count, page.GetProperty("has_more").GetBoolean()));
            cursor = page.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([(4, true), (2, false)], pages);
        Assert.Equal(Enumerable.Reverse(published), seen);
        Assert.Equal(3, (await TypesAsync(client, "?type=ticket.assigned&limit=3")).Count);
    }

    [Fact]
    public async Task List_CreatedAfter_ListsOnlyLaterEvents()
    {
        var client = (await app.ClientInNewWorkspaceAsync("events:publish", "events:read")).Client;
        var before = await PublishAsync(client, "invoice.paid");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var cut = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var after = await PublishAsync(client, "invoice.paid");

        var listed = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?created_after={Uri.EscapeDataString(cut.ToString("O"))}", Ct);
        var inOffset = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/events?created_after={Uri.EscapeDataString(cut.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz"))}", Ct);
        var all = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events?created_after={Uri.EscapeDataString(cut.AddMinutes(-5).ToString("O"))}", Ct);

        Assert.Equal(after, Ids(listed));
        Assert.Equal(after, Ids(inOffset));
        Assert.Equal([.. after, .. before], Ids(all));
    }

    [Fact]
    public async Task Get_ReturnsTheEvent_And404ForAnotherWorkspacesOrAnUnreadableOne()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Writer);
        var contact = await CreateAsync(client, "contact", new { email = "cy@example.com" });
        var product = await CreateAsync(client, "product", new { name = "Seat" });
        var events = await TypesAsync(client, "");
        var contactEvent = (await client.GetFromJsonAsync<JsonElement>("/api/v1/events?type=contact.created", Ct)).GetProperty("data")[0];
        var contactEventId = contactEvent.GetProperty("id").GetString()!;
        var productEventId = (await client.GetFromJsonAsync<JsonElement>("/api/v1/events?type=product.created", Ct)).GetProperty("data")[0].GetProperty("id").GetString()!;
        var stranger = (await app.ClientInNewWorkspaceAsync("crm:read", "events:read")).Client;
        var crmOnly = app.Client((await Keys.IssueAsync(app, ["crm:read", "events:read"], workspace)).Key);

        var own = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{contactEventId}", Ct);
        using var elsewhere = await stranger.GetAsync($"/api/v1/events/{contactEventId}", Ct);
        using var unreadable = await crmOnly.GetAsync($"/api/v1/events/{productEventId}", Ct);
        using var readable = await crmOnly.GetAsync($"/api/v1/events/{contactEventId}", Ct);
        using var malformed = await client.GetAsync("/api/v1/events/con_123", Ct);

        Assert.Equal(2, events.Count);
        Assert.Equal(contactEvent.GetRawText(), own.GetRawText());
        Assert.Equal(contact, own.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(product, events[0].Id);
        await elsewhere.AssertProblemAsync(HttpStatusCode.NotFound);
        await unreadable.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        await malformed.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_ShowsOnlyTheTypesTheKeysScopesRead_And403WithoutEventsReadOrForATypeItCannot()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Writer);
        var contact = await CreateAsync(client, "contact", new { email = "di@example.com" });
        await CreateAsync(client, "product", new { name = "Seat" });
        using var delete = await client.DeleteAsync($"/api/v1/records/contact/{contact}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await PublishAsync(client, "invoice.paid");
        var crmOnly = app.Client((await Keys.IssueAsync(app, ["crm:read", "events:read"], workspace)).Key);
        var eventsOnly = app.Client((await Keys.IssueAsync(app, ["events:read"], workspace)).Key);
        var withoutEventsRead = app.Client((await Keys.IssueAsync(app, ["crm:read", "commerce:read"], workspace)).Key);

        var all = await TypesAsync(client, "");
        var crm = await TypesAsync(crmOnly, "");
        var none = await TypesAsync(eventsOnly, "");
        using var refused = await withoutEventsRead.GetAsync("/api/v1/events", Ct);
        using var generic = await crmOnly.GetAsync("/api/v1/events?type=record.created", Ct);
        using var contacts = await eventsOnly.GetAsync("/api/v1/events?type=contact.created", Ct);

        Assert.Equal(["invoice.paid", "record.deleted", "product.created", "contact.created"], all.Select(e => e.Type));
        Assert.Equal(["invoice.paid", "contact.created"], crm.Select(e => e.Type));
        Assert.Equal(["invoice.paid"], none.Select(e => e.Type));
        Assert.Equal("events:read", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("commerce:read", (await generic.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("crm:read", (await contacts.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
    }

    [Theory]
    [InlineData("?type=invoice.exploded", "type")]
    [InlineData("?type=", "type")]
    [InlineData("?created_after=yesterday", "created_after")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?cursor=evt_123", "cursor")]
    [InlineData("?cursor=whk_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", "cursor")]
    public async Task List_Answers400NamingTheField_WhenAParameterIsBad(string query, string field)
    {
        var client = (await app.ClientInNewWorkspaceAsync("events:read")).Client;

        using var response = await client.GetAsync("/api/v1/events" + query, Ct);

        await response.AssertInvalidFieldAsync(field);
    }

    private static async Task<string> CreateAsync(HttpClient client, string type, object fields)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/records/{type}", fields, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Publishes one event of each type, in one request; their ids in order.</summary>
    private static async Task<List<string>> PublishAsync(HttpClient client, params string[] types)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/events",
            new { events = types.Select(t => new { @event = t, data = new { n = 1 } }) }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
    }

    /// <summary>Each listed event's type and the id of the record it is about (its data's <c>id</c>, when it has one).</summary>
    private static async Task<List<(string Type, string? Id)>> TypesAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/events" + query, Ct);
        return [.. page.GetProperty("data").EnumerateArray().Select(e => (e.GetProperty("event").GetString()!,
            e.GetProperty("data").TryGetProperty("id", out var id) ? id.GetString() : null))];
    }

    private static List<string> Ids(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
}
