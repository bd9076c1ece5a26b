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

public sealed class EventsApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_StoresEvent_AndQueuesDeliveriesForSubscribersOnly()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write", "events:publish");
        var documents = Subscribers.IdOf(await client.SubscribeAsync(["document.completed", "document.failed"]));
        var invoices = Subscribers.IdOf(await client.SubscribeAsync(["invoice.paid"]));

        var response = await client.PostAsJsonAsync("/api/v1/events",
            new { @event = "document.completed", data = new { document_id = "doc_1", pages = 3 } }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var published = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("events")[0];
        var eventId = published.GetProperty("id").GetString()!;
        Assert.StartsWith("evt_", eventId, StringComparison.Ordinal);
        var id = Guid.Parse(eventId["evt_".Length..]);
        var stored = await app.QueryAsync(db => db.All<StoredEvent>().SingleAsync(e => e.Id == id, Ct));
        Assert.Equal("document.completed", stored.Type);
        var deliveries = await app.QueryAsync(db => db.All<WebhookDelivery>()
            .Where(d => d.SubscriptionId == documents || d.SubscriptionId == invoices).ToListAsync(Ct));
        var delivery = Assert.Single(deliveries);
        Assert.Equal(documents, delivery.SubscriptionId);
        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal(eventId, (string?)body["id"]);
        Assert.Equal("doc_1", (string?)body["data"]!["document_id"]);
    }

    [Fact]
    public async Task Publish_AcceptsABatch_ReturningEveryEventId()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "events:publish");

        var response = await client.PostAsJsonAsync("/api/v1/events", new
        {
            events = new object[]
            {
                new { @event = "ticket.assigned", data = new { ticket_id = "tkt_1" } },
                new { @event = "chat.session.closed", data = new { session_id = "chs_1" } },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var events = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("events");
        Assert.Equal(["ticket.assigned", "chat.session.closed"], events.EnumerateArray().Select(e => e.GetProperty("event").GetString()));
    }

    [Theory]
    [InlineData("""{"event":"invoice.exploded","data":{}}""", "event")]
    [InlineData("""{"event":"record.created","data":{}}""", "event")]
    [InlineData("""{"event":"invoice.paid"}""", "data")]
    [InlineData("""{"event":"invoice.paid","data":[1]}""", "data")]
    [InlineData("""{"events":[{"event":"invoice.paid","data":{}},{"event":"nope","data":{}}]}""", "events[1].event")]
    [InlineData("""{"events":[]}""", "events")]
    public async Task Publish_Answers400NamingField_WhenEventIsRefused(string body, string field)
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "events:publish");

        var response = await client.PostAsync("/api/v1/events", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await response.AssertInvalidFieldAsync(field);
    }

    [Fact]
    public async Task Publish_Answers403_WithoutEventsPublishScope()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:write");

        var response = await client.PostAsJsonAsync("/api/v1/events", new { @event = "invoice.paid", data = new { } }, Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("events:publish", problem.GetProperty("required_scope").GetString());
    }

    [Fact]
    public async Task Catalog_ListsEveryTypeWithExample()
    {
        var client = await Subscribers.NewWorkspaceClientAsync(app, "webhooks:read");

        var catalog = await client.GetFromJsonAsync<JsonElement>("/api/v1/events/catalog", Ct);

        var report = catalog.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "report.generated");
        Assert.True(report.GetProperty("publishable").GetBoolean());
        Assert.Equal("rpt_880", report.GetProperty("example").GetProperty("report_id").GetString());
    }
}
