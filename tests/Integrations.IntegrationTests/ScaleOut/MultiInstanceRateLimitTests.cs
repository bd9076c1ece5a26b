using System.Net;
using System.Net.Http.Headers;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ScaleOut;

/// <summary>
/// Three app processes on one Postgres and one Redis, behind no balancer: the client spreads its requests over them
/// itself. The key's plan allows its number of requests across all three together, and any of them answers 429 after;
/// refused keys from one client address (told by a trusted proxy's X-Forwarded-For) are counted across all three too.
/// </summary>
public sealed class MultiInstanceRateLimitTests : IAsyncLifetime
{
    private const int Limit = 12;
    private const int Instances = 3;
    private List<AppProcess> instances = [];
    private ArrangingApp app = null!;

    public async ValueTask InitializeAsync()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync(nameof(MultiInstanceRateLimitTests));
        app = new ArrangingApp(connectionString, new Dictionary<string, string?> { ["Sentinel:DefaultWorkspace:Plan"] = "Starter" });
        await app.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = await RedisServer.ConnectionStringAsync(),
            ["Sentinel:DefaultWorkspace:Plan"] = "Starter",
            ["Sentinel:Plans:Starter:RequestsPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sentinel:Hangfire:Server"] = "false",
            ["Sentinel:Security:RefusalsPerMinutePerIp"] = "3",
            ["Sentinel:ForwardedHeaders:TrustedNetworks:0"] = "127.0.0.0/8",
        };
        instances = await AppProcess.StartLiveAsync(Instances, connectionString, settings, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        instances.ForEach(i => i.Dispose());
        await app.DisposeAsync();
    }

    [Fact]
    public async Task PlanLimit_HoldsAcrossThreeInstances_AndEachAnswers429WithRetryAfter()
    {
        var key = (await Keys.IssueAsync(app, ["keys:manage"])).Key;
        var clients = instances.Select(i => new HttpClient { BaseAddress = i.BaseAddress }).ToList();
        clients.ForEach(c => c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key));

        foreach (var client in clients)
        {
            Assert.Equal("Healthy", await client.GetStringAsync("/health/ready", TestContext.Current.CancellationToken));
        }

        var answers = new List<(int Instance, HttpStatusCode Status, string? RetryAfter)>();
        for (var i = 0; i < Limit * 2; i++)
        {
            using var response = await clients[i % Instances].GetAsync("/api/v1/keys", TestContext.Current.CancellationToken);
            answers.Add((i % Instances, response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.Equal(Limit, answers.Count(a => a.Status == HttpStatusCode.OK));
        Assert.All(answers.Take(Limit), a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var refused = answers.Skip(Limit).ToList();
        Assert.All(refused, a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        Assert.All(refused, a => Assert.InRange(int.Parse(a.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60));
        Assert.Equal(Instances, refused.Select(a => a.Instance).Distinct().Count());
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task RefusedKeys_FromOneClientAddress_AreCountedAcrossInstances_AndNotAgainstOtherAddresses()
    {
        var ct = TestContext.Current.CancellationToken;
        var clients = instances.Select(i => new HttpClient { BaseAddress = i.BaseAddress }).ToList();

        async Task<HttpStatusCode> GuessAsync(int instance, string clientAddress)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/keys");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk_live_wrong");
            request.Headers.Add("X-Forwarded-For", clientAddress);
            using var response = await clients[instance].SendAsync(request, ct);
            return response.StatusCode;
        }

        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            guesses.Add(await GuessAsync(i, "198.51.100.7"));
        }

        Assert.All(guesses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        for (var i = 0; i < Instances; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, await GuessAsync(i, "198.51.100.7"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await GuessAsync(0, "198.51.100.8"));
        clients.ForEach(c => c.Dispose());
    }
}
