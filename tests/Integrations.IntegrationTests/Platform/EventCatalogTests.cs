using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Catalogue;
using Integrations.IntegrationTests.Apps.Slack;
using Integrations.IntegrationTests.Imports;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Platform;

/// <summary>The events the running code emits, against the catalogue webhooks subscribe from.</summary>
public sealed class EventCatalogTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEventTheCodeEmits_IsInTheCatalogue_AndEveryNonPublishableTypeIsEmittedBySomething()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(
            "crm:read", "crm:write", "crm:delete", "commerce:read", "commerce:write", "commerce:delete",
            "imports:read", "imports:write", "events:publish");
        await ChangeEachAsync(client, "contact", new { email = "ada@example.com" }, new { first_name = "Ada" });
        await ChangeEachAsync(client, "account", new { name = "Acme" }, new { industry = "Tools" });
        await ChangeEachAsync(client, "deal", new { name = "Renewal" }, new { stage = "Proposal" });
        await ChangeEachAsync(client, "product", new { name = "Widget" }, new { price = 9.5 });
        await ChangeEachAsync(client, "activity", new { kind = "call", occurred_at = "2026-05-15T10:05:00Z" }, new { subject = "Follow-up" });
        (await client.PostAsJsonAsync("/api/v1/events", new { @event = "invoice.paid", data = new { invoice_id = "inv_1" } }, Ct))
            .EnsureSuccessStatusCode();
        await client.ImportAsync(app, Uploads.Contacts(2));
        var failing = await client.StartAsync(Uploads.Contacts(2, from: 3));
        Assert.True(PublicId.TryParse(IdPrefixes.Import, failing, out var failingId));
        File.Delete(Path.Combine(app.UploadFolder, failingId.ToString("N") + ".csv"));
        await app.RunAsync(failing);
        await SlackArrange.EmitEachTriggerAsync(app, workspace, DateTimeOffset.UtcNow, Ct);

        List<string> emitted;
        await using (var scope = app.Scope())
        {
            emitted = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
                .Where(e => e.WorkspaceId == workspace).Select(e => e.Type).Distinct().ToListAsync(Ct);
        }

        Assert.All(emitted, type => Assert.True(EventCatalog.Find(type) is not null, $"'{type}' was emitted but is not in the catalogue"));
        // The apps' sync triggers, needs_reauth, expiring and the posts' events need a provider's fake: their own tests show
        // each emitted (Gmail, Outlook, Google Calendar sync tests; TokenRefreshTests; LinkedIn's ExpiringNoticeTests;
        // PostPublisherTests). Slack's are driven here. The workflow runs' events and inbound.request_processed need a
        // workflow or an inbound source: RunExecutionTests, RunMatchingTests and InboundRunsTests show them emitted.
        // record.created is never stored as such (every object has its own created type): it is what those are delivered as.
        var delivered = emitted.Concat(emitted.Select(EventCatalog.GenericOf).OfType<string>()).ToHashSet();
        Assert.All(EventCatalog.All.Where(e => !e.Publishable && (e.Group is not ("Apps" or "Posts" or "Automation" or "Inbound") || e.Name.StartsWith("slack.", StringComparison.Ordinal))),
            e => Assert.Contains(e.Name, delivered));
    }

    [Fact]
    public void AppEvents_AreTheTriggersTheAppCatalogueOffers_OneForOne()
    {
        var offered = AppCatalogue.Load().SelectMany(a => a.Triggers.Select(t => $"{a.Id}.{t.Id}")).Order().ToList();

        var catalogued = EventCatalog.All.Where(e => e.Group == "Apps" && !e.Name.StartsWith("app.connection.", StringComparison.Ordinal)).Select(e => e.Name).Order().ToList();

        Assert.Equal(offered, catalogued);
    }

    /// <summary>Creates, changes and deletes one record of <paramref name="type"/> over the API.</summary>
    private static async Task ChangeEachAsync(HttpClient client, string type, object fields, object changes)
    {
        var created = await client.PostAsJsonAsync($"/api/v1/records/{type}", fields, Ct);
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
        (await client.PatchAsJsonAsync($"/api/v1/records/{type}/{id}", changes, Ct)).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"/api/v1/records/{type}/{id}", Ct)).EnsureSuccessStatusCode();
    }
}
