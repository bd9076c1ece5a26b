using Integrations.Testing;
using Integrations.Testing.Fakes.Gmail;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.Benchmarks;

/// <summary>
/// Connected apps: a Gmail mailbox synced into activities (<see cref="GmailSyncBenchmark"/>) and the token refresh job
/// over many due connections (<see cref="TokenRefreshBenchmark"/>), both against a Google-style fake on loopback in the
/// same process, each against the fake's own ceiling measured in the same run.
/// </summary>
internal static class AppsBenchmark
{
    public static async Task RunAsync(BenchOptions options)
    {
        var gmail = new FakeGmail();
        await using var google = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google)
        {
            Apis = gmail.Map,
            LogRequests = false,
            RotateRefreshTokens = true,
            Latency = TimeSpan.FromMilliseconds(options.LatencyMs),
        });
        Console.WriteLine($"The fake answers after {options.LatencyMs} ms (--latency).");
        var client = google.RegisterClient("http://localhost:8080/integrations/apps/callback");
        await using var app = new BenchApp(settings: new Dictionary<string, string?>(LocalReceiver.Settings)
        {
            ["Sentinel:Plans:Scale:MaxRecords"] = "1000000000",
            ["Sentinel:Apps:gmail:Urls:authorize"] = google.AuthorizeUrl,
            ["Sentinel:Apps:gmail:Urls:token"] = google.TokenUrl,
            ["Sentinel:Apps:gmail:Urls:identity"] = google.IdentityUrl,
            ["Sentinel:Apps:gmail:Urls:revoke"] = google.RevokeUrl,
            ["Sentinel:Apps:gmail:Urls:api"] = google.BaseUrl.ToString(),
            ["Sentinel:Apps:gmail:ClientId"] = client.Id,
            ["Sentinel:Apps:gmail:ClientSecret"] = client.Secret,
        });
        await app.InitializeAsync();

        if (options.Messages > 0)
        {
            await GmailSyncBenchmark.RunAsync(app, google, gmail, client, options.Messages);
        }

        if (options.Connections > 0)
        {
            await TokenRefreshBenchmark.RunAsync(app, google, client, options.Connections);
        }
    }
}
