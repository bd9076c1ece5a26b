using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.WhatsApp;
using Integrations.Apps.Security;
using Integrations.Platform.Data;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Triggers.WhatsApp;

/// <summary>
/// <c>/api/v1/apps/whatsapp/webhook</c>. GET answers Meta's subscription handshake: the <c>hub.challenge</c> echoed
/// when <c>hub.verify_token</c> is a connection's verify token, 403 otherwise. POST believes nothing before its
/// <c>X-Hub-Signature-256</c> checks out: each change is routed by its <c>phone_number_id</c> to the connections of that
/// number (in any workspace), and applied to those whose app secret signed the body. A body signed by the app secret of
/// a WhatsApp connection for numbers none of them has is answered 200 with nothing done (Meta retries what is not).
/// </summary>
internal sealed partial class WhatsAppWebhookReceiver(
    IntegrationsDbContext db, AppSecrets secrets, WhatsAppInbound inbound, RefusalWarnings warnings, ILogger<WhatsAppWebhookReceiver> log)
{
    /// <summary>Meta's webhook payloads are at most 3 MB; a larger body is refused before it is read further.</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    public async Task<IResult> HandshakeAsync(HttpRequest request, CancellationToken ct)
    {
        var (mode, token, challenge) = (request.Query["hub.mode"].ToString(), request.Query["hub.verify_token"].ToString(), request.Query["hub.challenge"].ToString());
        if (mode != "subscribe" || challenge.Length is 0 or > 200)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not a subscription handshake", "Expected hub.mode=subscribe with hub.challenge and hub.verify_token.");
        }

        var known = token.Length is > 0 and <= 200 && await WithSetting(WhatsAppNames.VerifyToken, token).AnyAsync(ct);
        return known
            ? TypedResults.Text(challenge, "text/plain")
            : Problem(StatusCodes.Status403Forbidden, "Unknown verify token",
                "hub.verify_token is not the verify token of a WhatsApp connection (shown on the WhatsApp app page).");
    }

    public async Task<IResult> ReceiveAsync(HttpContext http, CancellationToken ct)
    {
        if (await WebhookBodies.ReadAsync(http.Request, MaxBodyBytes, ct) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {MaxBodyBytes:N0} bytes.");
        }

        if (WhatsAppSignature.Read(http.Request.Headers[WhatsAppSignature.Header].ToString()) is not { } signature)
        {
            return Unverified(http, $"The {WhatsAppSignature.Header} header (sha256= and 64 hex digits) is required.");
        }

        if (WebhookBodies.ParseObject(body) is not { } payload)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not JSON", "The body is not a JSON object.");
        }

        var changes = WhatsAppChanges.Read(payload);
        var numbers = changes.Select(c => c.PhoneNumberId).Distinct().ToList();
        var candidates = new List<AppConnection>();
        foreach (var number in numbers)
        {
            candidates.AddRange(await WithSetting(WhatsAppNames.PhoneNumberId, number).ToListAsync(ct));
        }

        var signedFor = candidates.Where(c => Secret(c) is { } secret && signature.SignedWith(secret, body)).ToList();
        if (signedFor.Count == 0 && !await SignedByAnyAsync(signature, body, ct))
        {
            return Unverified(http, $"The {WhatsAppSignature.Header} does not match the body with the app secret of a WhatsApp connection.");
        }

        foreach (var connection in signedFor)
        {
            var number = ConnectionSettings.Of(connection, secrets).Text(WhatsAppNames.PhoneNumberId);
            await inbound.ApplyAsync(connection, [.. changes.Where(c => c.PhoneNumberId == number)], ct);
        }

        return TypedResults.Ok();
    }

    private IQueryable<AppConnection> Connections() => db.Set<AppConnection>().IgnoreQueryFilters().AsNoTracking();

    /// <summary>WhatsApp connections (of every workspace) whose setting <paramref name="name"/> is <paramref name="value"/>.</summary>
    private IQueryable<AppConnection> WithSetting(string name, string value)
    {
        var contained = new JsonObject { [name] = value }.ToJsonString();
        return Connections().Where(c => c.AppId == WhatsAppNames.AppId && EF.Functions.JsonContains(c.Settings, contained));
    }

    private string? Secret(AppConnection connection) => ConnectionSettings.Of(connection, secrets).Secret(WhatsAppNames.AppSecret);

    // Authentic but for no number connected here (a Meta app serving other numbers too): nothing to do, and no retries.
    private async Task<bool> SignedByAnyAsync(WhatsAppSignature signature, byte[] body, CancellationToken ct)
    {
        var all = await Connections().Where(c => c.AppId == WhatsAppNames.AppId).ToListAsync(ct);
        return all.Select(Secret).OfType<string>().Distinct().Any(secret => signature.SignedWith(secret, body));
    }

    private IResult Unverified(HttpContext http, string reason)
    {
        if (warnings.ShouldWarn("whatsapp webhook", http.Connection.RemoteIpAddress))
        {
            Refused(http.Connection.RemoteIpAddress?.ToString(), reason);
        }

        return Problem(StatusCodes.Status401Unauthorized, "Not verified", reason);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(LogLevel.Warning, "Refused a WhatsApp webhook request from {ClientAddress}: {Reason}")]
    private partial void Refused(string? clientAddress, string reason);
}
