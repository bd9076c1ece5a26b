using System.Text.Json;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.Zoom;
using Integrations.Platform.Data;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Triggers.Zoom;

/// <summary>
/// <c>POST /api/v1/apps/zoom/webhook</c>. Nothing in a request is believed before its signature checks out: an event
/// against the secret token of each workspace whose connections belong to its <c>account_id</c>, and the platform's; an
/// <c>endpoint.url_validation</c> (which names no account) against every Zoom secret token there is, answered with the
/// one that signed it. An event then updates the meeting's activity and emits its trigger event in each such workspace,
/// on the connection of the meeting's host, if active. Replays: the timestamp's five minutes, then the activity itself
/// (a meeting already ended, a participant already on it emits nothing again).
/// </summary>
internal sealed partial class ZoomWebhookReceiver(
    IntegrationsDbContext db, WebhookSigningSecrets tokens, ZoomTriggerWriter writer, TimeProvider clock, RefusalWarnings warnings,
    ILogger<ZoomWebhookReceiver> log)
{
    /// <summary>Zoom's payloads are a few kilobytes; a larger body is refused before it is read further.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<IResult> ReceiveAsync(HttpContext http, CancellationToken ct)
    {
        if (await WebhookBodies.ReadAsync(http.Request, MaxBodyBytes, ct) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {MaxBodyBytes:N0} bytes.");
        }

        if (!ZoomSignature.TryRead(http.Request.Headers, clock.GetUtcNow(), out var signature, out var refusal))
        {
            return Unverified(http, refusal);
        }

        if (WebhookBodies.ParseObject(body) is not { } request)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not JSON", "The body is not a JSON object.");
        }

        var type = ZoomMeeting.Text(request, "event");
        var payload = request.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (type == "endpoint.url_validation")
        {
            var secret = (await tokens.AllAsync(ZoomWebhook.AppId, ct)).FirstOrDefault(s => signature.SignedWith(s, body));
            if (secret is null)
            {
                return Unverified(http, "The x-zm-signature does not match the body with the Secret Token of the Zoom app.");
            }

            return ZoomMeeting.Text(payload, "plainToken") is { } plain
                ? TypedResults.Ok(new ZoomUrlValidation(plain, ZoomSignature.Encrypt(secret, plain)))
                : Problem(StatusCodes.Status400BadRequest, "No plainToken", "An endpoint.url_validation request carries payload.plainToken.");
        }

        List<AppConnection> signedFor = [];
        if (ZoomMeeting.Text(payload, "account_id") is { } account)
        {
            var connections = await OfAccountAsync(account, ct);
            var secrets = await tokens.OfWorkspacesAsync(ZoomWebhook.AppId, [.. connections.Select(c => c.WorkspaceId).Distinct()], ct);
            signedFor = [.. connections.Where(c => secrets.TryGetValue(c.WorkspaceId, out var secret) && signature.SignedWith(secret, body))];
        }

        // Signed by the platform's app for an account no workspace connected: authentic, and nothing to do.
        if (signedFor.Count == 0 && !(tokens.Platform(ZoomWebhook.AppId) is { } platform && signature.SignedWith(platform, body)))
        {
            return Unverified(http, "The x-zm-signature does not match the body with the Secret Token of the Zoom app.");
        }

        if (type is not (ZoomTriggers.MeetingEnded or ZoomTriggers.ParticipantJoined))
        {
            return TypedResults.Ok();
        }

        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("object", out var item) || ZoomMeeting.Parse(item) is not { } meeting)
        {
            return Problem(StatusCodes.Status400BadRequest, "No meeting", "A meeting event carries payload.object with the meeting's id.");
        }

        foreach (var connection in Hosts(signedFor, meeting))
        {
            if (!await writer.WriteAsync(connection, type, meeting, item, ct))
            {
                Repeated(type, meeting.Id, connection.Id);
            }
        }

        return TypedResults.Ok();
    }

    /// <summary>The account's Zoom connections in every workspace, found through the account id kept in their settings.</summary>
    private Task<List<AppConnection>> OfAccountAsync(string account, CancellationToken ct)
    {
        var match = JsonSerializer.Serialize(new Dictionary<string, string> { [ZoomWebhook.AccountIdSetting] = account });
        return db.Set<AppConnection>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.AppId == ZoomWebhook.AppId && EF.Functions.JsonContains(c.Settings, match)).ToListAsync(ct);
    }

    /// <summary>The active connections of the meeting's host (by <c>host_id</c>); where a workspace has none of its
    /// connections known by user id, all of its active ones.</summary>
    private static IEnumerable<AppConnection> Hosts(List<AppConnection> connections, ZoomMeeting meeting) =>
        connections.Where(c => c.Status == ConnectionStatus.Active).GroupBy(c => c.WorkspaceId).SelectMany(workspace =>
        {
            var host = workspace.Where(c => UserId(c) is { } id && id == meeting.HostId).ToList();
            return host.Count > 0 || workspace.Any(c => UserId(c) is not null) ? host : [.. workspace];
        });

    private static string? UserId(AppConnection connection)
    {
        using var settings = JsonDocument.Parse(connection.Settings);
        return ZoomMeeting.Text(settings.RootElement, ZoomWebhook.UserIdSetting);
    }

    private IResult Unverified(HttpContext http, string reason)
    {
        if (warnings.ShouldWarn("zoom webhook", http.Connection.RemoteIpAddress))
        {
            Refused(http.Connection.RemoteIpAddress?.ToString(), reason);
        }

        return Problem(StatusCodes.Status401Unauthorized, "Not verified", reason);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(LogLevel.Warning, "Refused a Zoom webhook request from {ClientAddress}: {Reason}")]
    private partial void Refused(string? clientAddress, string reason);

    [LoggerMessage(LogLevel.Information, "Zoom {Event} for meeting {MeetingId} was already on connection {ConnectionId}'s activity (a retry or a replay)")]
    private partial void Repeated(string @event, string meetingId, Guid connectionId);
}
