using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Testing.Fakes.Gmail;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.Benchmarks;

/// <summary>
/// The Gmail messages sync of one mailbox of many messages, run the way Hangfire runs it (one run after another, each
/// queuing the next), against the fake Gmail in the same process. The baseline is the fake's own ceiling: a bare
/// HttpClient making the sync's requests (a page of 100 ids, then the messages, eight at a time, parsed and dropped)
/// over the same mailbox, measured before and after the sync.
/// </summary>
internal static class GmailSyncBenchmark
{
    private const int Correspondents = 2_000;
    private const int Parallelism = 8;

    public static async Task RunAsync(BenchApp app, FakeOAuthProvider google, FakeGmail gmail, FakeOAuthClient client, int messages)
    {
        var workspace = await BenchConnections.NewWorkspaceAsync(app, "Gmail bench");
        var warmUp = Fill(gmail, "warmup@sentinel.example", 2_000);
        var mailbox = Fill(gmail, "sales@sentinel.example", messages);
        // Only the mailbox's address is ours: every correspondent is someone else, made a contact on first sight.
        const string settings = """{"create_contacts": true}""";
        var connections = await BenchConnections.AddAsync(app, workspace, "gmail",
            [Issue(google, client, warmUp.Email), Issue(google, client, mailbox.Email)], DateTimeOffset.UtcNow.AddHours(12), settings);
        var reader = Issue(google, client, mailbox.Email).AccessToken;

        await SyncAsync(app, connections[0]);
        await ReadAsync(google, Issue(google, client, warmUp.Email).AccessToken);
        Console.WriteLine($"Gmail sync benchmark: {messages:N0} messages from {Correspondents:N0} correspondents, {Environment.ProcessorCount} cores");

        var before = await ReadAsync(google, reader);
        Print("baseline (fake's ceiling) before", before, messages, null);
        MemorySampler memory;
        TimeSpan elapsed;
        int runs;
        await using (memory = new MemorySampler())
        {
            (elapsed, runs) = await SyncAsync(app, connections[1]);
        }

        var after = await ReadAsync(google, reader);
        Print("baseline (fake's ceiling) after", after, messages, null);
        var (items, stored, error) = await CheckAsync(app, connections[1]);
        Print($"sync ({runs} runs)", elapsed, stored, memory);
        var ceiling = 2 * messages / (before + after).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sync: {stored / elapsed.TotalSeconds:N0} messages/s = {stored / elapsed.TotalSeconds / ceiling:P1} of the fake's ceiling ({ceiling:N0}/s); "
            + $"items synced {items:N0}, email activities stored {stored:N0}, last error {error ?? "none"}"));
    }

    private static FakeMailbox Fill(FakeGmail gmail, string email, int count)
    {
        var mailbox = gmail.Mailbox(email);
        var now = DateTimeOffset.UtcNow;
        // Within the first sync's 30-day window: one every 20 s back from now covers 100,000 messages in 23 days.
        for (var i = 0; i < count; i++)
        {
            var from = $"Customer {i % Correspondents} <customer{i % Correspondents}@client{i % 97}.example>";
            mailbox.Add(new FakeEmail(from, email, $"Order question {i}", now.AddSeconds(-20 * (i + 1)))
            {
                Text = $"Hello, about order {i}: could you send the invoice again? Thanks.",
                Html = $"<p>Hello, about order <b>{i}</b>: could you send the invoice again?</p><p>Thanks.</p>",
            });
        }

        return mailbox;
    }

    private static FakeTokens Issue(FakeOAuthProvider google, FakeOAuthClient client, string email) =>
        google.IssueTokens(client, new FakeAccount(email, "Sales"), "openid", "email", "https://www.googleapis.com/auth/gmail.readonly");

    /// <summary>Queues the sync and runs it to its end, each run claiming the row the previous one queued.</summary>
    private static async Task<(TimeSpan Elapsed, int Runs)> SyncAsync(BenchApp app, AppConnection connection)
    {
        var clock = Stopwatch.StartNew();
        Guid syncId;
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(connection.WorkspaceId);
            var rows = await scope.ServiceProvider.GetRequiredService<SyncQueue>().QueueConnectionAsync(connection, CancellationToken.None);
            syncId = rows.Single(r => r.SyncId == "messages").Id;
        }

        var runs = 0;
        do
        {
            runs++;
            await using var scope = app.Scope();
            await scope.ServiceProvider.GetRequiredService<SyncRunner>().RunAsync(syncId, CancellationToken.None);
        }
        while (await StatusAsync(app, syncId) == SyncStatus.Queued);
        return (clock.Elapsed, runs);
    }

    private static async Task<string> StatusAsync(BenchApp app, Guid syncId)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters()
            .Where(s => s.Id == syncId).Select(s => s.Status).SingleAsync();
    }

    private static async Task<(long Items, long Stored, string? Error)> CheckAsync(BenchApp app, AppConnection connection)
    {
        await using var scope = app.Scope();
        var sync = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppSync>().IgnoreQueryFilters()
            .SingleAsync(s => s.ConnectionId == connection.Id && s.SyncId == "messages");
        await using var db = new NpgsqlConnection(app.ConnectionString);
        await db.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM activities WHERE workspace_id = @w AND connection_id = @c AND kind = 'email'", db);
        count.Parameters.AddWithValue("w", connection.WorkspaceId);
        count.Parameters.AddWithValue("c", Integrations.Platform.Ids.PublicId.Format(Integrations.Platform.Ids.IdPrefixes.AppConnection, connection.Id));
        return (sync.ItemsSynced, (long)(await count.ExecuteScalarAsync())!, sync.LastError);
    }

    /// <summary>The sync's requests from a bare client: list pages of 100 in the 30-day window, each page's messages
    /// fetched eight at a time with <c>format=full</c> and parsed.</summary>
    private static async Task<TimeSpan> ReadAsync(FakeOAuthProvider google, string accessToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = google.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var after = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds();
        var clock = Stopwatch.StartNew();
        string? next = null;
        do
        {
            using var page = await JsonAsync(http, $"/gmail/v1/users/me/messages?q=after%3A{after}&maxResults=100"
                + (next is null ? "" : $"&pageToken={Uri.EscapeDataString(next)}"));
            var ids = page.RootElement.TryGetProperty("messages", out var list)
                ? list.EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList()
                : [];
            next = page.RootElement.TryGetProperty("nextPageToken", out var token) ? token.GetString() : null;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (id, _) =>
            {
                using var message = await JsonAsync(http, $"/gmail/v1/users/me/messages/{id}?format=full");
            });
        }
        while (next is not null);
        return clock.Elapsed;
    }

    private static async Task<JsonDocument> JsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        return await JsonDocument.ParseAsync(body);
    }

    private static void Print(string what, TimeSpan elapsed, long messages, MemorySampler? memory) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-36} {messages,9:N0} messages in {elapsed.TotalSeconds,6:F1}s = {messages / elapsed.TotalSeconds,7:N0}/s") + Memory(memory));

    internal static string Memory(MemorySampler? memory) => memory is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $", peak working set {ImportResult.Megabytes(memory.PeakWorkingSet):F0} MB (+{ImportResult.Megabytes(memory.PeakWorkingSet - memory.StartWorkingSet):F0} MB "
        + $"over the start), peak managed heap {ImportResult.Megabytes(memory.PeakManagedHeap):F0} MB");
}
