using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connect;
using Integrations.Apps.Connect.Credentials;
using Integrations.Apps.Providers.Meta;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>
/// Checks a WhatsApp credential form with <c>GET /{phone-number-id}?fields=display_phone_number,verified_name</c>, the
/// token as Bearer and <c>appsecret_proof</c> (the token's HMAC-SHA256 with the app secret), so a wrong token, a
/// phone number id the token cannot see and a wrong app secret are each named before anything is stored. The account
/// is the display phone number; its name the verified business name.
/// </summary>
internal sealed class WhatsAppCredentials(IHttpClientFactory http) : ICredentialCheck
{
    public string AppId => WhatsAppNames.AppId;

    public async Task<CredentialCheck> CheckAsync(AppDefinition app, JsonObject values, CancellationToken ct)
    {
        var token = (string)values[AppAuth.AccessTokenField]!;
        var phoneNumberId = (string)values[WhatsAppNames.PhoneNumberId]!;
        var secret = (string)values[WhatsAppNames.AppSecret]!;
        if (!phoneNumberId.All(char.IsAsciiDigit) || phoneNumberId.Length > 30)
        {
            return CredentialCheck.Refused(WhatsAppNames.PhoneNumberId, "A phone number id is digits only (WhatsApp → API Setup in Meta's app dashboard), not the phone number.");
        }

        var url = $"{app.Urls["api"].TrimEnd('/')}/{phoneNumberId}?fields=display_phone_number,verified_name&appsecret_proof={Proof(token, secret)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        HttpStatusCode status;
        JsonElement json;
        try
        {
            using var response = await http.CreateClient(AppsHttp.ClientName).SendAsync(request, ct);
            status = response.StatusCode;
            json = Parse(await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException e)
        {
            return CredentialCheck.Refused("api", $"WhatsApp could not be reached ({e.Message}); nothing was stored.");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return CredentialCheck.Refused("api", "WhatsApp did not answer in time; nothing was stored.");
        }

        var error = ProviderErrors.Of(json);
        var code = GraphError.Code(json);
        var message = GraphError.Message(json) ?? $"HTTP {(int)status}";
        if (status == HttpStatusCode.Unauthorized || code is 190 or 102)
        {
            return CredentialCheck.Refused(AppAuth.AccessTokenField,
                $"WhatsApp refused the access token ({ProviderErrors.Bounded(message)}). Generate a system-user token with whatsapp_business_messaging; nothing was stored.");
        }

        if (message.Contains("appsecret_proof", StringComparison.OrdinalIgnoreCase))
        {
            return CredentialCheck.Refused(WhatsAppNames.AppSecret,
                "This app secret does not belong to the Meta app that issued the token (App settings → Basic → App secret); nothing was stored.");
        }

        if (error is not null || status != HttpStatusCode.OK)
        {
            return CredentialCheck.Refused(WhatsAppNames.PhoneNumberId,
                $"WhatsApp does not show phone number id {phoneNumberId} to this token ({ProviderErrors.Bounded(message)}); nothing was stored.");
        }

        return JsonPaths.Text(json, app.Auth.AccountPath) is { } display
            ? new CredentialCheck(new ConnectedAccount(display, JsonPaths.Text(json, app.Auth.AccountNamePath) ?? display), [])
            : CredentialCheck.Refused(WhatsAppNames.PhoneNumberId, "WhatsApp's answer names no display phone number; nothing was stored.");
    }

    public void Complete(JsonObject settings)
    {
        if (settings[WhatsAppNames.VerifyToken] is null)
        {
            settings[WhatsAppNames.VerifyToken] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
        }
    }

    /// <summary>Graph's <c>appsecret_proof</c>: the hex HMAC-SHA256 of the access token keyed with the app secret.</summary>
    public static string Proof(string token, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(token)));

    private static JsonElement Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
