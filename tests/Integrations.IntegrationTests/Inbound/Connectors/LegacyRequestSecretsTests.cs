using System.Text.Json;
using Integrations.Inbound.Connectors;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>Connectors saved before credentials in their URL and body were protected get them protected at start-up.</summary>
public sealed class LegacyRequestSecretsTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartUp_ProtectsCredentialsLeftInTheClear_AndRunsStillSendThem()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var body = Connectors.PeopleConnector(people.Url + "?token=legacy-t1");
        body["method"] = "POST";
        body["body"] = """{"password": "legacy-p1"}""";
        var id = await client.CreateAsync(body);
        Assert.True(PublicId.TryParse(IdPrefixes.Connector, id, out var connectorId));
        // As a connector saved by an earlier version was stored: everything in the clear, nothing protected.
        await SqlAsync($"UPDATE connectors SET url = {people.Url + "?token=legacy-t1"}, body = {"""{"password": "legacy-p1"}"""}, request_ciphertext = NULL WHERE id = {connectorId}");
        Assert.Contains("legacy-t1", await app.ConnectorRowAsync(id), StringComparison.Ordinal);

        var upgrade = app.Services.GetServices<IHostedService>().OfType<ConnectorSecretsUpgrade>().Single();
        await upgrade.StartAsync(Ct);
        await upgrade.StartAsync(Ct);

        var row = await app.ConnectorRowAsync(id);
        Assert.DoesNotContain("legacy-t1", row, StringComparison.Ordinal);
        Assert.DoesNotContain("legacy-p1", row, StringComparison.Ordinal);
        await app.RunNowAsync(client, id);
        var sent = Assert.Single(people.Requests);
        Assert.Equal(("legacy-t1", "legacy-p1"), (sent.Parameter("token"), JsonDocument.Parse(sent.Body).RootElement.GetProperty("password").GetString()));
    }

    private async Task SqlAsync(FormattableString sql)
    {
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.ExecuteSqlAsync(sql, Ct);
    }
}
