using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

public sealed class LimitsTests(LimitsTests.App app) : IClassFixture<LimitsTests.App>
{
    /// <summary>Small limits, so a test reaches them in a few requests.</summary>
    public sealed class App : ClockedSentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:Inbound:MaxBodyBytes"] = "1024",
            ["Sentinel:Inbound:RequestsPerMinute"] = "3",
        };
    }

    [Fact]
    public async Task BodyOverTheLimit_Gets413_AndIsNotStored()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Big", preset = "api_key", mapping = Sources.ContactMapping });
        var body = $$"""{"email":"big@example.com","name":"{{new string('x', 1100)}}"}""";

        var response = await Sources.SendAsync(app, source.Id(), body, new Dictionary<string, string> { ["X-Api-Key"] = source.Secret() });

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("1,024 bytes", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await client.RequestsAsync(source.Id()));
    }

    [Fact]
    public async Task RequestsOverTheSourcesRate_Get429WithRetryAfter_UntilTheNextMinute()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Chatty", preset = "api_key", mapping = Sources.ContactMapping });
        var other = await client.CreateAsync(new { name = "Quiet", preset = "api_key", mapping = Sources.ContactMapping });
        var key = new Dictionary<string, string> { ["X-Api-Key"] = source.Secret() };
        // Different bodies: a key signs no timestamp, so a repeated body would be a duplicate (200), not a new request.
        static string Body(int n) => $$"""{"email":"rate{{n}}@example.com","name":"Rate"}""";

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await Sources.SendAsync(app, source.Id(), Body(i), key)).StatusCode);
        }

        var refused = await Sources.SendAsync(app, source.Id(), Body(3), key);
        var otherSource = await Sources.SendAsync(app, other.Id(), Body(3), new Dictionary<string, string> { ["X-Api-Key"] = other.Secret() });
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await Sources.SendAsync(app, source.Id(), Body(3), key);

        Assert.All(allowed, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.Accepted, otherSource.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, nextMinute.StatusCode);
    }

    [Fact]
    public async Task UnverifiedRequests_DoNotSpendTheSourcesRate()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Probed", preset = "api_key", mapping = Sources.ContactMapping });
        static string Body(int n) => $$"""{"email":"probe{{n}}@example.com","name":"Probe"}""";
        var guess = new Dictionary<string, string> { ["X-Api-Key"] = "guess" };
        var key = new Dictionary<string, string> { ["X-Api-Key"] = source.Secret() };

        var strangers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            strangers.Add((await Sources.SendAsync(app, source.Id(), Body(i), guess)).StatusCode);
        }

        var sender = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            sender.Add((await Sources.SendAsync(app, source.Id(), Body(i), key)).StatusCode);
        }

        Assert.All(strangers, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.All(sender, status => Assert.Equal(HttpStatusCode.Accepted, status));
    }
}
