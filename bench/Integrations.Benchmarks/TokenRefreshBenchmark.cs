using System.Diagnostics;
using System.Globalization;
using Integrations.Apps.Connections;
using Integrations.Apps.Tokens;
using Integrations.Platform.Data;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Benchmarks;

/// <summary>
/// One run of the minutely <c>apps-token-refresh</c> job over many connections whose tokens are all due, against a
/// Google-style fake that rotates refresh tokens (so every refresh also stores a new refresh token). The baseline is
/// the fake's own ceiling: a bare HttpClient posting the same refresh requests, as many at once as the job allows
/// (<c>Sentinel:Connections:RefreshConcurrency</c>), over grants of their own, before and after the job.
/// </summary>
internal static class TokenRefreshBenchmark
{
    public static async Task RunAsync(BenchApp app, FakeOAuthProvider google, FakeOAuthClient client, int count)
    {
        var concurrency = app.Services.GetRequiredService<IOptions<ConnectionOptions>>().Value.RefreshConcurrency;
        var workspace = await BenchConnections.NewWorkspaceAsync(app, "Refresh bench");
        var due = DateTimeOffset.UtcNow.AddMinutes(1);
        var warmUp = await BenchConnections.AddAsync(app, workspace, "gmail", Issue(google, client, "warmup", 500), due);
        await RunJobAsync(app);
        await BareRefreshAsync(google, client, Issue(google, client, "bare-warmup", 500), concurrency);
        var connections = await BenchConnections.AddAsync(app, workspace, "gmail", Issue(google, client, "user", count), due);
        Console.WriteLine($"Token refresh benchmark: {count:N0} due connections, {concurrency} refreshes at once, refresh tokens rotating, {Environment.ProcessorCount} cores");

        var before = await BareRefreshAsync(google, client, Issue(google, client, "bare-before", count), concurrency);
        Print("baseline (fake's ceiling) before", before, count, null);
        var requests = google.Counters.TokenRequests("refresh_token");
        MemorySampler memory;
        TimeSpan elapsed;
        await using (memory = new MemorySampler())
        {
            elapsed = await RunJobAsync(app);
        }

        var sent = google.Counters.TokenRequests("refresh_token") - requests;
        var after = await BareRefreshAsync(google, client, Issue(google, client, "bare-after", count), concurrency);
        Print("baseline (fake's ceiling) after", after, count, null);
        var refreshed = await RefreshedAsync(app, connections);
        Print("apps-token-refresh job", elapsed, refreshed, memory);
        var ceiling = 2 * count / (before + after).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"refresh: {refreshed / elapsed.TotalSeconds:N0}/s = {refreshed / elapsed.TotalSeconds / ceiling:P1} of the fake's ceiling ({ceiling:N0}/s); "
            + $"{refreshed:N0} of {count:N0} connections fresh and active, {sent:N0} refresh requests, "
            + $"at most {google.Counters.MaxRefreshesInFlight} at once at the fake (limit {concurrency}); warm-up {warmUp.Count} connections"));
    }

    private static List<FakeTokens> Issue(FakeOAuthProvider google, FakeOAuthClient client, string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => google.IssueTokens(client, new FakeAccount($"{prefix}{i}@sentinel.example"), "openid", "email"))];

    private static async Task<TimeSpan> RunJobAsync(BenchApp app)
    {
        var clock = Stopwatch.StartNew();
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<TokenRefreshJob>().RunAsync(CancellationToken.None);
        return clock.Elapsed;
    }

    /// <summary>Connections whose token the job renewed: active, with a new expiry an hour out and a new refresh token.</summary>
    private static async Task<int> RefreshedAsync(BenchApp app, List<AppConnection> connections)
    {
        var ids = connections.Select(c => c.Id).ToList();
        var old = connections.ToDictionary(c => c.Id, c => c.RefreshTokenCiphertext);
        await using var scope = app.Scope();
        var now = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Status, c.ExpiresAt, c.RefreshTokenCiphertext }).ToListAsync();
        return now.Count(c => c.Status == ConnectionStatus.Active && c.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30)
            && c.RefreshTokenCiphertext != old[c.Id]);
    }

    /// <summary>The job's refresh requests from a bare client (Google's form: grant, refresh token, client id and secret
    /// in the body), <paramref name="concurrency"/> at once, each answer read.</summary>
    private static async Task<TimeSpan> BareRefreshAsync(FakeOAuthProvider google, FakeOAuthClient client, List<FakeTokens> grants, int concurrency)
    {
        using var http = new HttpClient(new SocketsHttpHandler());
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(grants, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (grant, ct) =>
        {
            using var form = new FormUrlEncodedContent([
                new("grant_type", "refresh_token"), new("refresh_token", grant.RefreshToken!), new("client_id", client.Id), new("client_secret", client.Secret)]);
            using var answer = await http.PostAsync(google.TokenUrl, form, ct);
            answer.EnsureSuccessStatusCode();
            await answer.Content.ReadAsStringAsync(ct);
        });
        return clock.Elapsed;
    }

    private static void Print(string what, TimeSpan elapsed, int count, MemorySampler? memory) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-36} {count,7:N0} refreshes in {elapsed.TotalSeconds,6:F1}s = {count / elapsed.TotalSeconds,6:N0}/s") + GmailSyncBenchmark.Memory(memory));
}
