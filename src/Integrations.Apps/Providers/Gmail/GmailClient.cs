using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>The Gmail API calls the sync and the actions make for one connection (<c>gmail/v1/users/me/…</c> under the
/// app's <c>api</c> URL), each through <see cref="AppApi"/>: a fresh token, 429 as throttling, errors as
/// <see cref="ProviderException"/>.</summary>
internal sealed class GmailClient(AppApi api, AppDefinition app, AppConnection connection)
{
    /// <summary>How many messages are fetched at once: Gmail allows a user 250 quota units a second, a get costs 5.</summary>
    public const int Parallelism = 8;

    private readonly string users = app.Urls["api"].TrimEnd('/') + "/gmail/v1/users/me";

    /// <summary>The mailbox's current history id.</summary>
    public async Task<string> HistoryIdAsync(CancellationToken ct)
    {
        using var profile = await GetAsync("/profile", ct);
        return profile.RootElement.GetProperty("historyId").GetString()!;
    }

    /// <summary>One page of the ids of messages received after <paramref name="after"/> (Unix seconds), newest first.</summary>
    public async Task<(IReadOnlyList<string> Ids, string? Next)> ListAsync(long after, string? pageToken, int max, CancellationToken ct)
    {
        using var page = await GetAsync($"/messages?q={Uri.EscapeDataString($"after:{after}")}&maxResults={max}{Token(pageToken)}", ct);
        var ids = page.RootElement.TryGetProperty("messages", out var messages)
            ? messages.EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToList()
            : [];
        return (ids, Next(page.RootElement));
    }

    /// <summary>One page of the messages added since <paramref name="startHistoryId"/>; the history id to go on from once
    /// there is no next page.</summary>
    public async Task<(IReadOnlyList<string> Ids, string? Next, string HistoryId)> HistoryAsync(string startHistoryId, string? pageToken, CancellationToken ct)
    {
        using var page = await GetAsync(
            $"/history?startHistoryId={Uri.EscapeDataString(startHistoryId)}&historyTypes=messageAdded&maxResults=500{Token(pageToken)}", ct);
        var ids = page.RootElement.TryGetProperty("history", out var history)
            ? history.EnumerateArray()
                .SelectMany(h => h.TryGetProperty("messagesAdded", out var added) ? added.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(a => a.GetProperty("message").GetProperty("id").GetString()!).Distinct().ToList()
            : [];
        return (ids, Next(page.RootElement), page.RootElement.GetProperty("historyId").GetString()!);
    }

    /// <summary>The messages, <see cref="Parallelism"/> at a time, in the order asked; one deleted since it was listed
    /// (404) is left out.</summary>
    public async Task<IReadOnlyList<GmailEmail>> GetManyAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var emails = new GmailEmail?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (i, token) => emails[i] = await GetOneAsync(ids[i], token));
        return [.. emails.OfType<GmailEmail>()];
    }

    /// <summary>Sends a base64url RFC 2822 message; Gmail's message resource of it (<c>id</c>, <c>threadId</c>).</summary>
    public Task<JsonDocument> SendAsync(string raw, CancellationToken ct) =>
        api.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Post, users + "/messages/send") { Content = JsonContent.Create(new { raw }) }, ct);

    private async Task<GmailEmail?> GetOneAsync(string id, CancellationToken ct)
    {
        try
        {
            using var message = await GetAsync($"/messages/{Uri.EscapeDataString(id)}?format=full", ct);
            return GmailEmail.Read(message.RootElement);
        }
        catch (ProviderException e) when (e is not ProviderThrottledException && e.Status == 404)
        {
            return null;
        }
    }

    private Task<JsonDocument> GetAsync(string path, CancellationToken ct) =>
        api.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, users + path), ct);

    private static string Token(string? pageToken) => pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}";

    private static string? Next(JsonElement page) => page.TryGetProperty("nextPageToken", out var next) ? next.GetString() : null;
}
