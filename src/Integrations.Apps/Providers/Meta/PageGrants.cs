using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Apps.Tokens;
using Integrations.Platform.Data;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.Apps.Providers.Meta;

/// <summary>
/// What connecting a Facebook Pages or Instagram account finishes at Meta: the code's short-lived user token (an hour
/// or two) exchanged for a long-lived one (<c>grant_type=fb_exchange_token</c>, about 60 days, no refresh token), then
/// the Pages the user granted (<c>/me/accounts</c>) with their linked Instagram account kept in the connection's
/// <c>pages</c>, and the first fitting one chosen as its <c>page</c> unless the one chosen before is still granted.
/// Facebook Pages keeps each Page's token (protected): got with a long-lived user token it does not expire, so the
/// connection shows no expiry. Instagram publishes with the user token, whose expiry it shows and announces.
/// </summary>
internal sealed class PageGrants(string appId, AppCatalogue catalogue, AppClients clients, AppSecrets secrets, IHttpClientFactory http,
    GraphApi graph, IntegrationsDbContext db, TimeProvider clock) : IConnectionHook
{
    /// <summary>Pages read per connect; a user managing more grants the ones to post to on Meta's consent screen.</summary>
    public const int MaxPages = 100;

    public string AppId => appId;

    public async Task<string?> ConnectedAsync(AppConnection connection, string redirectUri, CancellationToken ct)
    {
        var app = catalogue.Find(appId)!;
        var problem = await ExtendAsync(app, connection, ct);
        if (problem is not null)
        {
            connection.LastError = problem;
            await db.SaveChangesAsync(ct);
            return problem;
        }

        IReadOnlyList<(ConnectedPage Page, string? Token)> pages;
        try
        {
            pages = await PagesAsync(app, connection, ct);
        }
        catch (Exception e) when (e is ProviderException or ConnectionUnusableException)
        {
            problem = $"Meta did not list the Pages ({ProviderErrors.Bounded(e.Message)}): connect again.";
            connection.LastError = problem;
            await db.SaveChangesAsync(ct);
            return problem;
        }

        var settings = JsonNode.Parse(connection.Settings) as JsonObject ?? [];
        foreach (var stale in settings.Select(s => s.Key).Where(k => k.StartsWith(MetaApps.PageTokenPrefix, StringComparison.Ordinal)).ToList())
        {
            settings.Remove(stale);
        }

        settings[MetaApps.Pages] = new JsonArray([.. pages.Select(p => p.Page.ToJson())]);
        foreach (var (page, token) in pages.Where(p => appId == MetaApps.FacebookPages && p.Token is not null))
        {
            settings[MetaApps.PageTokenKey(page.Id)] = secrets.Protect(token!);
        }

        var fitting = pages.Select(p => p.Page).Where(p => appId != MetaApps.Instagram || p.InstagramAccountId is not null).ToList();
        var chosen = (string?)settings[MetaApps.Page] is { } before && fitting.Any(p => p.Id == before) ? before : fitting.FirstOrDefault()?.Id;
        settings[MetaApps.Page] = chosen;
        connection.Settings = settings.ToJsonString();
        problem = chosen is not null ? null
            : pages.Count == 0 ? "No Facebook Page was granted: connect again and choose at least one Page on Meta's consent screen."
            : "None of the granted Pages has an Instagram professional account linked: link one to a Page (Instagram settings → Account type and tools, or the Page's Linked accounts), then connect again.";
        connection.LastError = problem;
        await db.SaveChangesAsync(ct);
        return problem;
    }

    /// <summary>Nothing to remove at Meta: the app's permissions stay until the user removes the app in their Facebook settings.</summary>
    public Task<string?> DisconnectingAsync(AppConnection connection, CancellationToken ct) => Task.FromResult<string?>(null);

    /// <summary>Replaces the connection's short-lived token with a long-lived one; null when done, else the problem.</summary>
    private async Task<string?> ExtendAsync(AppDefinition app, AppConnection connection, CancellationToken ct)
    {
        if (await clients.CredentialsAsync(app.Id, ct) is not { } client || secrets.TryUnprotect(connection.AccessTokenCiphertext) is not { } shortLived)
        {
            return "The OAuth client or the new token can no longer be read: connect again.";
        }

        var url = QueryHelpers.AddQueryString(app.Urls["token"], new Dictionary<string, string?>
        {
            ["grant_type"] = "fb_exchange_token", ["client_id"] = client.ClientId, ["client_secret"] = client.ClientSecret, ["fb_exchange_token"] = shortLived,
        });
        try
        {
            using var response = await http.CreateClient(AppsHttp.ClientName).GetAsync(url, ct);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (!response.IsSuccessStatusCode || JsonPaths.Text(json.RootElement, "$.access_token") is not { } longLived)
            {
                var error = GraphError.Message(json.RootElement) ?? $"HTTP {(int)response.StatusCode}";
                return $"Meta did not give a long-lived token ({ProviderErrors.Bounded(error)}): the connection works for about an hour; connect again.";
            }

            connection.AccessTokenCiphertext = secrets.Protect(longLived);
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt64(out var s) && s > 0 ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            // A Page token got with a long-lived user token does not expire: Facebook Pages posts with those.
            connection.ExpiresAt = appId == MetaApps.Instagram && lifetime is { } life ? clock.GetUtcNow() + life : null;
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return $"Meta's token URL did not extend the token ({e.GetType().Name}): the connection works for about an hour; connect again.";
        }
    }

    private async Task<IReadOnlyList<(ConnectedPage Page, string? Token)>> PagesAsync(AppDefinition app, AppConnection connection, CancellationToken ct)
    {
        var url = $"{app.Urls["api"].TrimEnd('/')}/me/accounts?fields=id,name,access_token,instagram_business_account{{id,username}}&limit={MaxPages}";
        using var answer = await graph.SendAsync(connection, null, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
        if (!answer.RootElement.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new ProviderException("/me/accounts answered without data", 200);
        }

        return [.. data.EnumerateArray().Where(p => JsonPaths.Text(p, "$.id") is not null).Select(p => (new ConnectedPage(
            JsonPaths.Text(p, "$.id")!, JsonPaths.Text(p, "$.name") ?? "",
            JsonPaths.Text(p, "$.instagram_business_account.id"), JsonPaths.Text(p, "$.instagram_business_account.username")),
            JsonPaths.Text(p, "$.access_token")))];
    }
}
