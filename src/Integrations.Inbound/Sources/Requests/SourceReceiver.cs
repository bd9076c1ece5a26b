using System.Security.Cryptography;
using System.Text;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Security;
using Integrations.Inbound.Sources.Verification;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// <c>POST /api/v1/inbound/{source_id}</c>: limit, verify, store in one statement, answer; the worker does the rest. A
/// repeated delivery id, or for methods that sign no timestamp a body received within the de-duplication window, stores
/// nothing and is answered 200 with the first request's id.
/// </summary>
internal sealed partial class SourceReceiver(
    IntegrationsDbContext db, InboundSecrets secrets, SourceRateLimiter limiter, RequestSignal signal,
    IOptionsMonitor<SourceOptions> options, TimeProvider clock, ILogger<SourceReceiver> log,
    SourceCache sources, RefusalWarnings warnings)
{
    public async Task<IResult> ReceiveAsync(string sourceId, HttpContext http, CancellationToken ct)
    {
        // No caller here: the source is found across workspaces, and its own workspace is the one the row gets.
        if (!PublicId.TryParse(IdPrefixes.InboundSource, sourceId, out var id)
            || await sources.FindAsync(db, id, ct) is not { } source)
        {
            return UnknownSource(sourceId);
        }

        if (!source.Enabled)
        {
            return Problem(StatusCodes.Status403Forbidden, "Source disabled", "This source is disabled; it accepts nothing until it is enabled again.");
        }

        var max = options.CurrentValue.MaxBodyBytes;
        if (await ReadBodyAsync(http.Request, max, ct) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {max:N0} bytes.");
        }

        if (Verify(source, http.Request.Headers, body) is { } refusal)
        {
            if (warnings.ShouldWarn(PublicId.Format(IdPrefixes.InboundSource, source.Id), http.Connection.RemoteIpAddress))
            {
                Refused(source.Id, http.Connection.RemoteIpAddress?.ToString());
            }

            return Problem(StatusCodes.Status401Unauthorized, "Not verified", refusal);
        }

        // Counted once verified, so strangers who know the URL cannot spend the sender's allowance.
        if (await limiter.RetryAfterAsync(source.Id) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"This source accepts {options.CurrentValue.RequestsPerMinute} requests a minute. Try again in {retryAfter} seconds.");
        }

        var deliveryId = DeliveryId(source, http.Request.Headers, body);
        // Nothing signed says when a key, a password or a body-only HMAC was sent: a recent body is a replay.
        var bodyHash = VerificationMethods.SignsTimestamp(source.Method) ? null : SHA256.HashData(body);
        var requestId = PublicId.NewId(clock);
        switch (await StoreAsync(source, requestId, deliveryId, bodyHash, body, SelectedHeaders.Json(http.Request.Headers, source.SignatureHeader), ct))
        {
            case true:
                signal.Pull();
                return TypedResults.Accepted((string?)null, new ReceivedAnswer(PublicId.Format(IdPrefixes.InboundRequest, requestId), "received", false));
            case null:
                // Deleted on another instance since this one cached it.
                sources.Forget(source.Id);
                return UnknownSource(sourceId);
        }

        var first = await db.Set<InboundRequest>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.SourceId == source.Id && ((deliveryId != null && r.DeliveryId == deliveryId)
                || db.Set<InboundBodyHash>().Any(h => h.SourceId == source.Id && h.BodyHash == bodyHash && h.RequestId == r.Id)))
            .OrderByDescending(r => r.DeliveryId == deliveryId)
            .Select(r => new { r.Id, r.Status }).FirstAsync(ct);
        return TypedResults.Ok(new ReceivedAnswer(PublicId.Format(IdPrefixes.InboundRequest, first.Id),
            Platform.Audit.AuditTrail.Name(first.Status), true));
    }

    /// <summary>
    /// One statement: the body's hash is claimed (when one is given and no live one holds it), and only then the request
    /// inserted, unless its delivery id is taken. False when either made it a duplicate; null when the source is gone.
    /// </summary>
    private async Task<bool?> StoreAsync(InboundSource source, Guid requestId, string? deliveryId, byte[]? bodyHash, byte[] body,
        string headers, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = now - options.CurrentValue.BodyDedupeWindow;
        try
        {
            var stored = await db.Database.SqlQuery<Guid>(
                $"""
                WITH claimed AS (
                    INSERT INTO inbound_body_hashes (source_id, body_hash, request_id, received_at)
                    SELECT {source.Id}, {bodyHash}::bytea, {requestId}, {now}
                    WHERE {bodyHash}::bytea IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM inbound_requests WHERE source_id = {source.Id} AND delivery_id = {deliveryId}::text)
                    ON CONFLICT (source_id, body_hash) DO UPDATE
                        SET request_id = excluded.request_id, received_at = excluded.received_at
                        WHERE inbound_body_hashes.received_at <= {expired}
                    RETURNING 1
                )
                INSERT INTO inbound_requests (id, workspace_id, source_id, delivery_id, body, headers, received_at, status, attempts)
                SELECT {requestId}, {source.WorkspaceId}, {source.Id}, {deliveryId}::text, {body}, {headers}::jsonb, {now}, 'Received', 0
                WHERE {bodyHash}::bytea IS NULL OR EXISTS (SELECT 1 FROM claimed)
                ON CONFLICT (source_id, delivery_id) DO NOTHING
                RETURNING id AS "Value"
                """).ToListAsync(ct);
            return stored.Count == 1;
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.ForeignKeyViolation, TableName: "inbound_body_hashes" })
        {
            // Copies of one delivery id with different bodies raced: this one claimed its hash, then lost the delivery id
            // to a copy the statement could not yet see. The hash went with the statement; the delivery id's copy answers.
            return false;
        }
        catch (PostgresException e) when (e is { SqlState: PostgresErrorCodes.ForeignKeyViolation, TableName: "inbound_requests" })
        {
            return null;
        }
    }

    private string? Verify(InboundSource source, IHeaderDictionary headers, byte[] body)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(source.SecretCiphertext);
        }
        catch (CryptographicException)
        {
            return "This source's secret can no longer be read; set a new one.";
        }

        return RequestVerifier.Check(source.Verification, secret, headers, body, clock.GetUtcNow());
    }

    private static string? DeliveryId(InboundSource source, IHeaderDictionary headers, byte[] body)
    {
        string? id = null;
        if (source.IdempotencyHeader is { } header)
        {
            id = headers[header].ToString().Trim();
        }
        else if (source.IdempotencyPath is { } path
                 && JsonDocumentReader.TryParse(Encoding.UTF8.GetString(body), out var document, out _)
                 && JsonDocumentReader.TrySelect(document!, path, out var token, out _))
        {
            id = JsonDocumentReader.ToText(token);
        }

        return string.IsNullOrEmpty(id) ? null : id.Length <= 200 ? id : id[..200];
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static IResult UnknownSource(string sourceId) =>
        Problem(StatusCodes.Status404NotFound, "Not found", $"No inbound source with id '{sourceId}' exists.");

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>The first of a minute per source and client address; the others are summed up (<see cref="RefusalWarnings"/>).</summary>
    [LoggerMessage(LogLevel.Warning, "Refused an unverified request for inbound source {SourceId} from {ClientAddress}")]
    private partial void Refused(Guid sourceId, string? clientAddress);
}

/// <summary>The answer to a received request: 202 for a new one, 200 (<c>duplicate</c>) for a repeated delivery id or body.</summary>
internal sealed record ReceivedAnswer(string Id, string Status, bool Duplicate);
