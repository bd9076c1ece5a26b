using System.Net.Http.Headers;
using System.Text.Json;
using Integrations.Apps.Catalogue;

namespace Integrations.Apps.Connect;

/// <summary>Whose account was connected: from the identity URL's answer (<c>account_from: identity</c>) or from the
/// token answer (<c>token_response</c>, Slack's team), at the catalogue's paths.</summary>
internal sealed class AccountReader(IHttpClientFactory http)
{
    public async Task<(ConnectedAccount? Account, string? Error)> ReadAsync(AppDefinition app, GrantedTokens tokens, CancellationToken ct)
    {
        var json = tokens.Json;
        if (app.Auth.AccountFrom == "identity")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, app.Urls["identity"]);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
            try
            {
                using var response = await http.CreateClient(AppsHttp.ClientName).SendAsync(request, ct);
                json = await ReadJsonAsync(response, ct);
                if (!response.IsSuccessStatusCode || ProviderErrors.Of(json) is not null)
                {
                    return (null, ProviderErrors.Of(json) ?? $"HTTP {(int)response.StatusCode}");
                }
            }
            catch (HttpRequestException e)
            {
                return (null, $"the identity URL could not be reached ({e.Message})");
            }
            catch (IOException e)
            {
                return (null, $"the identity URL broke off its answer ({e.Message})");
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return (null, "the identity URL did not answer in time");
            }
        }

        var account = JsonPaths.Text(json, app.Auth.AccountPath) ?? JsonPaths.Text(json, app.Auth.AccountFallbackPath);
        return account is null
            ? (null, $"the answer names no account at {app.Auth.AccountPath}")
            : (new ConnectedAccount(account, JsonPaths.Text(json, app.Auth.AccountNamePath) ?? account)
            {
                Settings = app.Auth.AccountSettings.Select(s => (s.Key, Value: JsonPaths.Text(json, s.Value)))
                    .Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!),
            }, null);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), default, ct);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}

internal sealed record ConnectedAccount(string Account, string Name)
{
    /// <summary>The catalogue's <c>account_settings</c> as the answer gave them, stored in the connection's settings.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
