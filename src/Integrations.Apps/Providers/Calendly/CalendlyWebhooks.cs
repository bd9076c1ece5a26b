using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Connect;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>
/// The connection's webhook subscription at Calendly: registered on connect (organization scope, <c>invitee.created</c>
/// and <c>invitee.canceled</c>, a signing key generated here) and deleted on disconnect (at the configured API URL, by the subscription uri's uuid). What it needs is kept in the
/// connection's settings under names starting with "_" (never shown): the organization, the callback URL, the
/// subscription's uri and the signing key, protected like the tokens. When Calendly refuses, the connection stays (its
/// sync and actions work without the webhook) with the error on it, and its next sync tries again.
/// </summary>
internal sealed partial class CalendlyWebhooks(AppApi api, AppCatalogue catalogue, AppSecrets secrets, IntegrationsDbContext db, ILogger<CalendlyWebhooks> log)
    : IConnectionHook
{
    public const string Organization = "_organization";
    public const string CallbackUrl = "_webhook_url";
    public const string Subscription = "_webhook_subscription";
    public const string SigningKey = "_webhook_signing_key";
    public const string Error = "_webhook_error";

    public string AppId => CalendlyServices.AppId;

    public async Task<string?> ConnectedAsync(AppConnection connection, string redirectUri, CancellationToken ct)
    {
        var settings = Settings(connection);
        // An invitee becomes a contact unless the admin turns this off.
        settings["create_contacts"] ??= true;
        settings[CallbackUrl] = $"{new Uri(redirectUri).GetLeftPart(UriPartial.Authority)}{CalendlyServices.WebhookPath}?connection={PublicId.Format(IdPrefixes.AppConnection, connection.Id)}";
        connection.Settings = settings.ToJsonString();
        await db.SaveChangesAsync(ct);
        return await EnsureRegisteredAsync(connection, ct);
    }

    /// <summary>Registers the subscription unless the connection has one; null when it has one now, else why not.</summary>
    public async Task<string?> EnsureRegisteredAsync(AppConnection connection, CancellationToken ct)
    {
        var settings = Settings(connection);
        if (settings[Subscription] is not null || settings[CallbackUrl] is null)
        {
            return null;
        }

        var apiUrl = catalogue.Find(AppId)!.Urls["api"].TrimEnd('/');
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        try
        {
            var organization = (string?)settings[Organization] ?? await OrganizationAsync(connection, apiUrl, ct);
            settings[Organization] = organization;
            var body = new JsonObject
            {
                ["url"] = (string)settings[CallbackUrl]!,
                ["events"] = new JsonArray("invitee.created", "invitee.canceled"),
                ["organization"] = organization,
                ["scope"] = "organization",
                ["signing_key"] = key,
            };
            using var answer = await api.SendAsync(connection,
                () => new HttpRequestMessage(HttpMethod.Post, $"{apiUrl}/webhook_subscriptions") { Content = JsonContent.Create(body) }, ct);
            settings[Subscription] = JsonPaths.Text(answer.RootElement, "$.resource.uri")
                ?? throw new ProviderException("Calendly's answer names no webhook subscription", 0);
            settings[SigningKey] = secrets.Protect(key);
            settings.Remove(Error);
            connection.LastError = connection.LastError?.StartsWith(ErrorPrefix, StringComparison.Ordinal) == true ? null : connection.LastError;
            connection.Settings = settings.ToJsonString();
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (ProviderException e)
        {
            Refused(connection.Id, e.Status, e.Message);
            var problem = $"{ErrorPrefix} ({ProviderErrors.Bounded(e.Message)}): new bookings arrive only with the sync until it is. Sync now registers it again.";
            settings[Error] = problem;
            connection.LastError = problem;
            connection.Settings = settings.ToJsonString();
            await db.SaveChangesAsync(ct);
            return problem;
        }
    }

    public async Task<string?> DisconnectingAsync(AppConnection connection, CancellationToken ct)
    {
        if ((string?)Settings(connection)[Subscription] is not { } subscription)
        {
            return null;
        }

        // Calendly's subscription uri is https://api.calendly.com/webhook_subscriptions/{uuid}: called at the configured API URL.
        var url = $"{catalogue.Find(AppId)!.Urls["api"].TrimEnd('/')}/webhook_subscriptions/{Uri.EscapeDataString(subscription.TrimEnd('/').Split('/')[^1])}";
        try
        {
            (await api.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Delete, url), ct)).Dispose();
            return null;
        }
        catch (ProviderException e) when (e.Status == 404)
        {
            return null; // gone already (Calendly deletes a subscription its callback answered 410)
        }
        catch (Exception e) when (e is ProviderException or Tokens.ConnectionUnusableException)
        {
            // Deliveries to a deleted connection are answered 410 Gone, which makes Calendly delete the subscription.
            return $"the Calendly webhook subscription was not deleted ({ProviderErrors.Bounded(e.Message)})";
        }
    }

    private const string ErrorPrefix = "Calendly did not register the webhook";

    /// <summary>The organization the connected user is in (<c>resource.current_organization</c> of <c>/users/me</c>).</summary>
    public async Task<string> OrganizationAsync(AppConnection connection, string apiUrl, CancellationToken ct)
    {
        using var me = await api.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, $"{apiUrl}/users/me"), ct);
        return JsonPaths.Text(me.RootElement, "$.resource.current_organization")
            ?? throw new ProviderException("Calendly's /users/me names no current_organization", 0);
    }

    private static JsonObject Settings(AppConnection connection) => JsonNode.Parse(connection.Settings) as JsonObject ?? [];

    [LoggerMessage(LogLevel.Warning, "Calendly refused the webhook subscription of connection {ConnectionId}: HTTP {Status} {ProviderError}")]
    private partial void Refused(Guid connectionId, int status, string providerError);
}
