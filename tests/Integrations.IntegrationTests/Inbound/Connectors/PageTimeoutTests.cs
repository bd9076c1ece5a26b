using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Connectors;

public sealed class PageTimeoutTests(PageTimeoutTests.App app) : IClassFixture<PageTimeoutTests.App>
{
    /// <summary>Pages may take one second, so a remote that hangs fails the run quickly.</summary>
    public sealed class App : ConnectorsApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?>(base.Settings) { ["Sentinel:Connectors:PageTimeout"] = "00:00:01" };
    }

    [Fact]
    public async Task Run_FailsAndBacksOff_WhenAPageDoesNotAnswerInTime()
    {
        await using var api = await LocalJsonApi.StartAsync(_ => new JsonApiAnswer(200, """{"data":[]}""", Delay: TimeSpan.FromSeconds(30)));
        var (_, client) = await app.ClientInNewWorkspaceAsync();
        var id = await client.CreateAsync(Connectors.PeopleConnector(api.Url("/slow")));

        var run = await app.RunNowAsync(client, id);

        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("did not answer within 1 s", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        var connector = await client.ConnectorAsync(id);
        var allowedAt = connector.GetProperty("next_allowed_at").GetDateTimeOffset();
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(1), allowedAt);
        Assert.True(connector.GetProperty("next_run_at").GetDateTimeOffset() >= allowedAt, "the next scheduled run waits for the back-off");
    }
}
