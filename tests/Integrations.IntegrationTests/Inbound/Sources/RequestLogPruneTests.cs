using Integrations.Inbound.Sources.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Sources;

public sealed class RequestLogPruneTests(InboundApp app) : IClassFixture<InboundApp>
{
    [Fact]
    public async Task Prune_DeletesRequestsOlderThan30Days_AndKeepsNewerOnes()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Old", preset = "api_key", mapping = Sources.ContactMapping });
        var key = new Dictionary<string, string> { ["X-Api-Key"] = source.Secret() };
        var old = await Sources.AcceptedAsync(app, source.Id(), """{"email":"old@example.com"}""", key);
        await client.ProcessedAsync(source.Id(), old);
        app.Clock.Advance(TimeSpan.FromDays(20));
        var recent = await Sources.AcceptedAsync(app, source.Id(), """{"email":"recent@example.com"}""", key);
        await client.ProcessedAsync(source.Id(), recent);
        app.Clock.Advance(TimeSpan.FromDays(11));

        await using var scope = app.Scope();
        var deleted = await scope.ServiceProvider.GetRequiredService<RequestLogPruneJob>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, deleted);
        Assert.Equal([recent], (await client.RequestsAsync(source.Id())).Select(r => r.GetProperty("request_id").GetString()));
    }
}
