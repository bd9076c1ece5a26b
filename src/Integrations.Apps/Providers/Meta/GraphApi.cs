using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Apps.Calls;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Apps.Tokens;

namespace Integrations.Apps.Providers.Meta;

/// <summary>
/// Calls Meta's Graph API for a Facebook Pages or Instagram connection, with a Page's token or the connection's user
/// token. Meta words every error as <see cref="GraphError"/> and never answers 429: code 190 (expired, password changed,
/// app removed) ends the grant, as there is no refresh token (the connection becomes <c>needs_reauth</c>); the throttling
/// codes (4, 17, 32, 613, 80001) become a <see cref="ProviderThrottledException"/> with the wait Meta estimates.
/// </summary>
internal sealed class GraphApi(IHttpClientFactory http, AccessTokens tokens)
{
    /// <summary>When Meta does not say how long to wait: its rate limits count over a rolling hour.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromMinutes(5);

    public async Task<JsonDocument> SendAsync(AppConnection connection, string? pageToken, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        // The user token first, even for a Page's call: a connection that must be connected again calls nothing.
        var user = await tokens.GetAsync(connection, ct);
        using var request = build();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pageToken ?? user);
        HttpResponseMessage response;
        try
        {
            response = await http.CreateClient(AppsHttp.ClientName).SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ProviderException($"Meta could not be reached ({e.Message})", 0);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ProviderException("Meta did not answer in time", 0);
        }

        using (response)
        {
            var json = Parse(await response.Content.ReadAsStringAsync(ct));
            var code = json is null ? null : GraphError.Code(json.RootElement);
            if (response.IsSuccessStatusCode && code is null)
            {
                return json ?? JsonDocument.Parse("{}");
            }

            var status = (int)response.StatusCode;
            var error = ProviderErrors.Bounded($"{code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "HTTP " + status}: "
                + ((json is null ? null : GraphError.Message(json.RootElement)) ?? response.ReasonPhrase));
            json?.Dispose();
            if (code == GraphError.TokenRefused || response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // Without a refresh token the renewal ends the grant (needs_reauth, app.connection.needs_reauth) and throws.
                await tokens.RenewAsync(connection, user, ct);
                throw new ProviderException($"{error} (the connection's token was replaced meanwhile: try again)", status);
            }

            throw code is { } c && GraphError.IsThrottling(c)
                ? new ProviderThrottledException(error, status, Wait(response))
                : new ProviderException(error, status);
        }
    }

    /// <summary>The longest <c>estimated_time_to_regain_access</c> (minutes) of <c>X-Business-Use-Case-Usage</c>, else
    /// <see cref="DefaultWait"/>; between a minute and an hour.</summary>
    private static TimeSpan Wait(HttpResponseMessage response)
    {
        var minutes = 0;
        if (response.Headers.TryGetValues("X-Business-Use-Case-Usage", out var values) && Parse(values.First()) is { } usage)
        {
            using (usage)
            {
                minutes = usage.RootElement.ValueKind != JsonValueKind.Object ? 0 : usage.RootElement.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.Array).SelectMany(p => p.Value.EnumerateArray())
                    .Select(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("estimated_time_to_regain_access", out var m) && m.TryGetInt32(out var n) ? n : 0)
                    .DefaultIfEmpty(0).Max();
            }
        }

        return minutes <= 0 ? DefaultWait : TimeSpan.FromMinutes(Math.Min(minutes, 60));
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
