using System.Text.Json;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Triggers;
using Integrations.Apps.Security;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>
/// <c>POST /api/v1/apps/calendly/webhook?connection=cxn_…</c>: each connection registers its own callback URL, so a
/// delivery names its connection and is verified with that connection's signing key only; nothing in it is believed
/// before. An unknown or disconnected connection is answered 410 Gone, which tells Calendly to delete the subscription
/// (it would otherwise retry for a day). A verified <c>invitee.created</c> or <c>invitee.canceled</c> is recorded even
/// while the connection waits to be connected again (the delivery carries all it needs, and Calendly never sends it
/// again) (<see cref="CalendlyActivities"/>) and announced in the connection's workspace, once: a
/// re-delivery finds the activity as it is and announces nothing. Other events are acknowledged and ignored.
/// </summary>
internal sealed partial class CalendlyWebhookReceiver(
    IntegrationsDbContext db, AppSecrets secrets, IServiceScopeFactory scopes, TimeProvider clock, RefusalWarnings warnings,
    IOptions<AppsOptions> options, ILogger<CalendlyWebhookReceiver> log)
{
    /// <summary>Calendly's payloads are a few kilobytes; a larger body is refused before it is read further.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpContext http, string? connection, CancellationToken ct)
    {
        if (await WebhookBodies.ReadAsync(http.Request, MaxBodyBytes, ct) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {MaxBodyBytes:N0} bytes.");
        }

        if (!CalendlySignature.TryRead(http.Request.Headers[CalendlySignature.Header], clock.GetUtcNow(), out var signature, out var refusal))
        {
            return Unverified(http, refusal);
        }

        var stored = PublicId.TryParse(IdPrefixes.AppConnection, connection, out var key)
            ? await db.Set<AppConnection>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(c => c.Id == key && c.AppId == CalendlyServices.AppId, ct)
            : null;
        if (stored is null)
        {
            return Problem(StatusCodes.Status410Gone, "No such connection",
                "The connection this webhook was registered for is gone; Calendly deletes a subscription answered 410.");
        }

        // The connection's own key; else the OAuth app's, when configured (Calendly says an OAuth app's webhooks are
        // signed with the key it generated for the app). That one is every connection's, so the delivery must then
        // also come from this connection's subscription: its created_by is the connected user.
        var settings = ConnectionSettings.Of(stored, secrets);
        var byOwnKey = settings.Secret(CalendlyWebhooks.SigningKey) is { } own && signature.SignedWith(own, body);
        var byAppKey = !byOwnKey && options.Value.SigningSecret(CalendlyServices.AppId) is { } appKey && signature.SignedWith(appKey, body);
        if (!byOwnKey && !byAppKey)
        {
            return Unverified(http, $"The {CalendlySignature.Header} does not match the body with the connection's signing key.");
        }

        if (WebhookBodies.ParseObject(body) is not { } delivery)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not JSON", "The body is not a JSON object.");
        }

        if (byAppKey && CalendlyMeeting.Text(delivery, "created_by") != stored.Account)
        {
            return Unverified(http, "A delivery signed with the app's key must come from the connected user's subscription (created_by).");
        }

        var type = CalendlyMeeting.Text(delivery, "event");
        if (type is not ("invitee.created" or "invitee.canceled") || stored.Status == ConnectionStatus.Disconnected)
        {
            return TypedResults.Ok();
        }

        var payload = delivery.TryGetProperty("payload", out var p) ? p : default;
        var scheduled = payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("scheduled_event", out var e) ? e : default;
        if (CalendlyMeeting.Parse(payload, scheduled) is not { Start: not null } meeting)
        {
            return Problem(StatusCodes.Status400BadRequest, "No invitee",
                "An invitee event carries payload.uri and payload.scheduled_event.start_time.");
        }

        await RecordAsync(stored, settings, meeting, ct);
        return TypedResults.Ok();
    }

    // In a scope acting as the system for the connection's workspace, in one transaction with its events.
    private async Task RecordAsync(AppConnection connection, ConnectionSettings settings, CalendlyMeeting meeting, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<Caller>().Act(connection.WorkspaceId, ActorType.System,
            PublicId.Format(IdPrefixes.AppConnection, connection.Id), "Calendly", ChangeSource.App);
        var scoped = services.GetRequiredService<IntegrationsDbContext>();
        await using var transaction = await scoped.Database.BeginTransactionAsync(ct);
        await services.GetRequiredService<CalendlyActivities>().RecordAsync(connection, settings, [meeting], announce: true, ct);
        await transaction.CommitAsync(ct);
        Recorded(connection.Id, meeting.Status);
    }

    private IResult Unverified(HttpContext http, string reason)
    {
        if (warnings.ShouldWarn("calendly webhook", http.Connection.RemoteIpAddress))
        {
            Refused(http.Connection.RemoteIpAddress?.ToString(), reason);
        }

        return Problem(StatusCodes.Status401Unauthorized, "Not verified", reason);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(LogLevel.Warning, "Refused a Calendly webhook from {ClientAddress}: {Reason}")]
    private partial void Refused(string? clientAddress, string reason);

    [LoggerMessage(LogLevel.Information, "Calendly invitee ({InviteeStatus}) recorded for connection {ConnectionId}")]
    private partial void Recorded(Guid connectionId, string inviteeStatus);
}
