using Integrations.Apps.Actions;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Syncs;
using Integrations.IntegrationTests.Apps.Connect;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps;

/// <summary>What the catalogue offers is what the code does: each sync and action has its class, and no class is
/// registered for something the catalogue does not offer.</summary>
public sealed class CatalogueCoverageTests(ConnectApp app) : IClassFixture<ConnectApp>
{
    [Fact]
    public async Task EverySyncAndActionOfTheCatalogue_HasItsClass_OneForOne()
    {
        await using var scope = app.Scope();
        var catalogue = AppCatalogue.Load();

        var syncs = scope.ServiceProvider.GetServices<IAppSync>().Select(s => $"{s.AppId}/{s.SyncId}").Order().ToList();
        var actions = scope.ServiceProvider.GetServices<IAppAction>().Select(a => $"{a.AppId}/{a.ActionId}").Order().ToList();

        Assert.Equal(catalogue.SelectMany(a => a.Syncs.Select(s => $"{a.Id}/{s.Id}")).Order(), syncs);
        Assert.Equal(catalogue.SelectMany(a => a.Actions.Select(s => $"{a.Id}/{s.Id}")).Order(), actions);
    }
}
