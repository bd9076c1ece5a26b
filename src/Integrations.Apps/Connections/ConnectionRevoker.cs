using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connect;

namespace Integrations.Apps.Connections;

/// <summary>Asks the provider to revoke a connection's grant, the app's way (<c>revoke_with</c>): <c>token_form</c>
/// POSTs <c>token=</c> (Google: the refresh token revokes the whole grant), <c>token_query</c> the same in the query
/// (Zoom's <c>/oauth/revoke?token=</c>), <c>bearer</c> POSTs with the access token (Slack's <c>auth.revoke</c>). An app
/// with <c>client_auth: basic</c> sends its client's credentials as HTTP Basic, as at its token URL.</summary>
internal sealed class ConnectionRevoker(IHttpClientFactory http)
{
    /// <summary>Null when revoked; else what went wrong.</summary>
    public async Task<string?> RevokeAsync(AppDefinition app, string accessToken, string? refreshToken, CancellationToken ct,
        Clients.OAuthClient? client = null)
    {
        var url = app.Urls["revoke"];
        if (app.Auth.RevokeWith == AppAuth.RevokeWithQuery)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(refreshToken ?? accessToken);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (app.Auth.ClientAuth == "basic" && client is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(
                $"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret)}")));
        }

        if (app.Auth.RevokeWith == AppAuth.RevokeWithBearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            request.Content = new FormUrlEncodedContent([]);
        }
        else if (app.Auth.RevokeWith == AppAuth.RevokeWithQuery)
        {
            request.Content = new FormUrlEncodedContent([]);
        }
        else
        {
            request.Content = new FormUrlEncodedContent([new("token", refreshToken ?? accessToken)]);
        }

        try
        {
            using var response = await http.CreateClient(AppsHttp.ClientName).SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var error = Error(body);
            return response.IsSuccessStatusCode && error is null ? null : error ?? $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"the revoke URL could not be reached ({e.Message})";
        }
        catch (IOException e)
        {
            return $"the revoke URL broke off its answer ({e.Message})";
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return "the revoke URL did not answer in time";
        }
    }

    private static string? Error(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return ProviderErrors.Of(json.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
