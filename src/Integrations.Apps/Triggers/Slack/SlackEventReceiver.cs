using System.Text.Json;
using Integrations.Apps.Connections;
using Integrations.Platform.Data;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>
/// <c>POST /api/v1/apps/slack/events</c>. Nothing in a request is believed before its signature checks out: for an
/// <c>event_callback</c> against the secret of each workspace its team (<c>team_id</c>) is connected to, and the
/// platform's; for a request naming no team (<c>url_verification</c>) against every Slack signing secret there is. An
/// event then becomes a trigger event in each workspace whose secret signed it, if its connection is active, once per
/// event id. An unknown team is answered like a known one that emits nothing. Slack wants an answer within three
/// seconds, and gets one: the work is a few rows. Refusals count against the sender's address per team (Slack sends
/// every team's events from the same addresses, and one team's broken secret must not hold back the others): past
/// <c>Sentinel:Security:RefusalsPerMinutePerIp</c>, the address's requests for that team get 429 before any secret is
/// read or any signature computed.
/// </summary>
internal sealed partial class SlackEventReceiver(
    IntegrationsDbContext db, WebhookSigningSecrets signing, SlackTriggerWriter writer, TimeProvider clock, RefusalLimiter refusals,
    RefusalWarnings warnings, ILogger<SlackEventReceiver> log)
{
    /// <summary>Slack's payloads are a few kilobytes; a larger body is refused before it is read further.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const int MaxEventIdLength = 100;

    // The refusal limiter's subject for requests that name no team, or a team no workspace is connected to.
    private const string AnyTeam = "slack events";

    public async Task<IResult> ReceiveAsync(HttpContext http, CancellationToken ct)
    {
        if (await WebhookBodies.ReadAsync(http.Request, MaxBodyBytes, ct) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {MaxBodyBytes:N0} bytes.");
        }

        // Read before it is believed, only to count refusals per team; the team's own secret decides below.
        var parsed = WebhookBodies.ParseObject(body);
        var team = parsed is { } unverified ? SlackTriggers.Text(unverified, "team_id") : null;
        var subject = team is null ? AnyTeam : $"{AnyTeam} {team}";
        if (await TooManyAsync(http, subject) is { } tooMany)
        {
            return tooMany;
        }

        if (!SlackSignature.TryRead(http.Request.Headers, clock.GetUtcNow(), out var signature, out var refusal))
        {
            return await UnverifiedAsync(http, subject, refusal);
        }

        if (parsed is not { } payload)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not JSON", "The body is not a JSON object.");
        }

        var type = SlackTriggers.Text(payload, "type");
        List<AppConnection> signedFor = [];
        bool verified;
        if (team is not null)
        {
            var connections = await db.Set<AppConnection>().IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.AppId == SlackEvents.AppId && c.Account == team).ToListAsync(ct);
            if (connections.Count == 0)
            {
                // A team no workspace knows counts with the requests that name none: a new team id per request
                // (someone guessing) gets no fresh allowance.
                subject = AnyTeam;
                if (await TooManyAsync(http, subject) is { } tooManyGuesses)
                {
                    return tooManyGuesses;
                }
            }

            var secrets = await signing.OfWorkspacesAsync(SlackEvents.AppId, [.. connections.Select(c => c.WorkspaceId).Distinct()], ct);
            signedFor = [.. connections.Where(c => secrets.TryGetValue(c.WorkspaceId, out var secret) && signature.SignedWith(secret, body))];
            // Signed by the platform's app for a team no workspace gets its events from: authentic, and nothing to do.
            verified = signedFor.Count > 0 || (signing.Platform(SlackEvents.AppId) is { } platform && signature.SignedWith(platform, body));
        }
        else
        {
            verified = (await signing.AllAsync(SlackEvents.AppId, ct)).Any(secret => signature.SignedWith(secret, body));
        }

        if (!verified)
        {
            return await UnverifiedAsync(http, subject, "The X-Slack-Signature does not match the body with the signing secret of the Slack app.");
        }

        return type switch
        {
            "url_verification" => SlackTriggers.Text(payload, "challenge") is { } challenge
                ? TypedResults.Ok(new SlackChallenge(challenge))
                : Problem(StatusCodes.Status400BadRequest, "No challenge", "A url_verification request carries a challenge."),
            "event_callback" => await EmitAsync(payload, signedFor, ct),
            _ => TypedResults.Ok(),
        };
    }

    private async Task<IResult> EmitAsync(JsonElement payload, List<AppConnection> signedFor, CancellationToken ct)
    {
        if (SlackTriggers.Text(payload, "event_id") is not { Length: > 0 and <= MaxEventIdLength } eventId)
        {
            return Problem(StatusCodes.Status400BadRequest, "No event id", $"An event_callback carries an event_id of at most {MaxEventIdLength} characters.");
        }

        foreach (var connection in signedFor.Where(c => c.Status == ConnectionStatus.Active))
        {
            if (SlackTriggers.For(connection, payload) is { } record && !await writer.WriteAsync(connection, eventId, record, ct))
            {
                Repeated(eventId, connection.Id);
            }
        }

        return TypedResults.Ok();
    }

    /// <summary>A 429 when the sender's address had too many refusals this minute about <paramref name="subject"/>.</summary>
    private async Task<ProblemHttpResult?> TooManyAsync(HttpContext http, string subject) =>
        await refusals.RetryAfterAsync(http.Connection.RemoteIpAddress, subject) is { } retryAfter
            ? TypedResults.Problem(RefusalLimiter.TooMany(http.Response, retryAfter))
            : null;

    private async Task<IResult> UnverifiedAsync(HttpContext http, string subject, string reason)
    {
        await refusals.CountAsync(http.Connection.RemoteIpAddress, subject);
        if (warnings.ShouldWarn("slack events", http.Connection.RemoteIpAddress))
        {
            Refused(http.Connection.RemoteIpAddress?.ToString(), reason);
        }

        return Problem(StatusCodes.Status401Unauthorized, "Not verified", reason);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(LogLevel.Warning, "Refused a Slack events request from {ClientAddress}: {Reason}")]
    private partial void Refused(string? clientAddress, string reason);

    [LoggerMessage(LogLevel.Information, "Slack event {EventId} was already received for connection {ConnectionId} (a retry or a replay)")]
    private partial void Repeated(string eventId, Guid connectionId);
}
