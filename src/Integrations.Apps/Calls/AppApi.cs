using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Apps.Tokens;

namespace Integrations.Apps.Calls;

/// <summary>
/// Calls a provider's API for a connection over the outbound client (Platform's SSRF guard and timeouts): with a
/// token that is fresh, refreshed once more after a 401; a 429 (or a 503 with <c>Retry-After</c>) becomes a
/// <see cref="ProviderThrottledException"/> that says when to try again; any other error a <see cref="ProviderException"/>.
/// </summary>
internal sealed class AppApi(IHttpClientFactory http, AccessTokens tokens, TimeProvider clock)
{
    /// <summary>Sends the request <paramref name="build"/> makes (twice after a 401) and parses the JSON answer.</summary>
    public async Task<JsonDocument> SendAsync(AppConnection connection, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var (response, body) = await SendRenewingAsync(connection, build, ct);
        return Read(response, body);
    }

    /// <summary>As <see cref="SendAsync"/>, for an API that answers in its headers (LinkedIn's Posts API: 201, an empty
    /// body, the new post's URN in <c>x-restli-id</c>).</summary>
    public async Task<HttpResponseHeaders> SendForHeadersAsync(AppConnection connection, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var (response, body) = await SendRenewingAsync(connection, build, ct);
        Read(response, body).Dispose();
        return response.Headers;
    }

    private async Task<(HttpResponseMessage Response, string Body)> SendRenewingAsync(AppConnection connection, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var token = await tokens.GetAsync(connection, ct);
        var response = await SendOnceAsync(build, token, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized || SlackRefusedToken(response, body))
        {
            response.Dispose();
            token = await tokens.RenewAsync(connection, token, ct);
            response = await SendOnceAsync(build, token, ct);
            body = await response.Content.ReadAsStringAsync(ct);
        }

        return (response, body);
    }

    /// <summary>Sends a request that carries its own credentials (GA4's Measurement Protocol takes an API secret in its
    /// query), without the connection's token, and reads the answer as <see cref="SendAsync"/> does.</summary>
    public async Task<JsonDocument> SendWithoutTokenAsync(Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var response = await SendOnceAsync(build, null, ct);
        return Read(response, await response.Content.ReadAsStringAsync(ct));
    }

    private JsonDocument Read(HttpResponseMessage response, string body)
    {
        using (response)
        {
            var json = Parse(body);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests
                || (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null))
            {
                json?.Dispose();
                throw new ProviderThrottledException($"The provider is throttling (HTTP {status})", status, RetryAfter(response));
            }

            var error = json is null ? null : ProviderErrors.Of(json.RootElement);
            if (!response.IsSuccessStatusCode || error is not null)
            {
                error ??= json is null ? null : ProviderErrors.Titled(json.RootElement);
                json?.Dispose();
                throw new ProviderException(ProviderErrors.Bounded(error ?? $"HTTP {status}"), status);
            }

            return json ?? JsonDocument.Parse("{}");
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(Func<HttpRequestMessage> build, string? token, CancellationToken ct)
    {
        using var request = build();
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            return await http.CreateClient(AppsHttp.ClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderException($"The provider could not be reached ({e.Message})", 0);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ProviderException("The provider did not answer in time", 0);
        }
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var after = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => TimeSpan.FromSeconds(30),
        };
        return after < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : after > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : after;
    }

    // Slack answers a token it refuses with HTTP 200 and ok:false: the same as another provider's 401.
    private static bool SlackRefusedToken(HttpResponseMessage response, string body)
    {
        if (response.StatusCode != HttpStatusCode.OK || !body.Contains("\"ok\"", StringComparison.Ordinal))
        {
            return false;
        }

        using var json = Parse(body);
        return json is { RootElement: { ValueKind: JsonValueKind.Object } root } && root.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.String && error.GetString() is "not_authed" or "invalid_auth" or "token_expired" or "token_revoked" or "account_inactive";
    }

    private static JsonDocument? Parse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
