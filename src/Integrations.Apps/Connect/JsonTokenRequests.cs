using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Duende.IdentityModel.Client;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;

namespace Integrations.Apps.Connect;

/// <summary>A token request whose parameters go as a JSON body, the client authenticating with HTTP Basic (Notion's
/// <c>/v1/oauth/token</c>), read back as Duende's <see cref="TokenResponse"/> like a form request's answer.</summary>
internal static class JsonTokenRequests
{
    public static bool Apply(AppDefinition app) => app.Auth.TokenBody == AppAuth.JsonTokenBody;

    public static async Task<TokenResponse> SendAsync(HttpClient http, AppDefinition app, OAuthClient client, JsonObject parameters, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, app.Urls["token"])
        {
            Content = new StringContent(parameters.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.ClientId}:{client.ClientSecret}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            var response = await http.SendAsync(request, ct);
            return await ProtocolResponse.FromHttpResponseAsync<TokenResponse>(response);
        }
        catch (HttpRequestException e)
        {
            return ProtocolResponse.FromException<TokenResponse>(e);
        }
    }
}
