using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>A 202 is a promise: a request stored by an instance that never processes it is processed by the next one.</summary>
public sealed class DurabilityTests(DurabilityTests.App app) : IClassFixture<DurabilityTests.App>
{
    /// <summary>An instance that stores requests but, like one that crashed right after answering, processes none.</summary>
    public sealed class App : SentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Sentinel:Inbound:Worker"] = "false" };
    }

    /// <summary>A second instance on the same database, with its worker.</summary>
    private sealed class NextInstance(string connectionString) : SentinelApp
    {
        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcceptedRequest_IsProcessedByAnotherInstance_WhenTheOneThatStoredItNeverDid()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Durable", preset = "api_key", mapping = Sources.ContactMapping });
        var requestId = await Sources.AcceptedAsync(app, source.Id(), """{"email":"kept@example.com","name":"Kept"}""",
            new Dictionary<string, string> { ["X-Api-Key"] = source.Secret() });
        var waiting = await client.GetFromJsonAsync<JsonElement>($"/api/v1/inbound/sources/{source.Id()}/requests/{requestId}", Ct);

        await using var next = new NextInstance(app.ConnectionString);
        await next.InitializeAsync();

        Assert.Equal("received", waiting.GetProperty("status").GetString());
        var processed = await client.ProcessedAsync(source.Id(), requestId);
        Assert.Equal("processed", processed.GetProperty("status").GetString());
        Assert.Equal("kept@example.com", Assert.Single(await client.RecordsAsync("contact")).GetProperty("email").GetString());
    }
}
