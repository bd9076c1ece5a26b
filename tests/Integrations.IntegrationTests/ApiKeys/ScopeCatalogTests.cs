using Integrations.ApiKeys;
using Integrations.Platform.Api;
using Integrations.Testing;
using Integrations.Web.Pages.ApiKeys;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.ApiKeys;

/// <summary>The scope catalogue the running app builds from its modules, against the scopes its endpoints require.</summary>
public sealed class ScopeCatalogTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private ScopeCatalog Catalog => app.Services.GetRequiredService<ScopeCatalog>();

    [Fact]
    public void Catalog_ListsEveryModulesScopes_ThenThePlatformsAndKeyManagement_AdminLast() =>
        Assert.Equal(
            ["crm:read", "crm:write", "crm:delete", "commerce:read", "commerce:write", "commerce:delete", "bulk:write",
             "webhooks:read", "webhooks:write", "imports:read", "imports:write", "inbound:read", "inbound:write", "apps:read", "apps:write", "posts:read", "posts:write",
             "workflows:read", "workflows:write",
             "events:publish", "events:read", "audit:read", "keys:manage", "admin"],
            Catalog.All.Select(s => s.Name));

    [Fact]
    public void EveryScopeAnEndpointRequires_IsInTheCatalogue()
    {
        var required = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .SelectMany(e => e.Metadata.GetOrderedMetadata<RequiredScope>()).Select(s => s.Name).Distinct().ToList();

        Assert.NotEmpty(required);
        Assert.All(required, scope => Assert.True(Catalog.IsKnown(scope), $"'{scope}' is required by an endpoint but not in the catalogue"));
    }

    [Fact]
    public void EveryApiEndpoint_RequiresAScope_ButTheCatalogueAndInboundAndTheAppsWebhooks()
    {
        var open = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<RequiredScope>() is null)
            .Select(e => e.RoutePattern.RawText)
            .Distinct()
            .Order()
            .ToList();

        // WhatsApp's, Zoom's and Calendly's webhooks are anonymous on purpose too: the verify token and the providers' signatures decide.
        Assert.Equal(["/api/v1/apps/calendly/webhook", "/api/v1/apps/notion/webhook", "/api/v1/apps/slack/events", "/api/v1/apps/whatsapp/webhook", "/api/v1/apps/zoom/webhook", "/api/v1/events/catalog", "/api/v1/inbound/{sourceId}"], open);
    }

    [Fact]
    public void Presets_UseOnlyKnownScopes_AndTheReadPresetCannotWrite()
    {
        Assert.Equal(["Read", "Read/Write", "Read/Write/Delete", "Bulk", "Admin"], ScopePreset.All.Select(p => p.Name));
        Assert.All(ScopePreset.All.SelectMany(p => p.Scopes), s => Assert.True(Catalog.IsKnown(s), s));
        Assert.All(ScopePreset.All[0].Scopes, s => Assert.EndsWith(":read", s, StringComparison.Ordinal));
    }
}
