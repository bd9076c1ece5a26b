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

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// <c>POST /api/v1/inbound/{source_id}</c>: limit, verify, store in one INSERT, answer; the worker does the rest. A
/// repeated delivery id stores nothing and is answered 200 with the first request's id.
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
            return Problem(StatusCodes.Status404NotFound, "Not found", $"No inbound source with id '{sourceId}' exists.");
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
        if (limiter.RetryAfter(source.Id) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
                $"This source accepts {options.CurrentValue.RequestsPerMinute} requests a minute. Try again in {retryAfter} seconds.");
        }

        var deliveryId = DeliveryId(source, http.Request.Headers, body);
        var requestId = PublicId.NewId(clock);
        var headers = SelectedHeaders.Json(http.Request.Headers, source.SignatureHeader);
        var now = clock.GetUtcNow();
        var stored = await db.Database.SqlQuery<Guid>(
            $"""
            INSERT INTO inbound_requests (id, workspace_id, source_id, delivery_id, body, headers, received_at, status, attempts)
            VALUES ({requestId}, {source.WorkspaceId}, {source.Id}, {deliveryId}, {body}, {headers}::jsonb, {now}, 'Received', 0)
            ON CONFLICT (source_id, delivery_id) DO NOTHING
            RETURNING id AS "Value"
            """).ToListAsync(ct);
        if (stored.Count == 1)
        {
            signal.Pull();
            return TypedResults.Accepted((string?)null, new ReceivedAnswer(PublicId.Format(IdPrefixes.InboundRequest, requestId), "received", false));
        }

        var first = await db.Set<InboundRequest>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.SourceId == source.Id && r.DeliveryId == deliveryId).Select(r => new { r.Id, r.Status }).SingleAsync(ct);
        return TypedResults.Ok(new ReceivedAnswer(PublicId.Format(IdPrefixes.InboundRequest, first.Id),
            Platform.Audit.AuditTrail.Name(first.Status), true));
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

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    /// <summary>The first of a minute per source and client address; the others are summed up (<see cref="RefusalWarnings"/>).</summary>
    [LoggerMessage(LogLevel.Warning, "Refused an unverified request for inbound source {SourceId} from {ClientAddress}")]
    private partial void Refused(Guid sourceId, string? clientAddress);
}

/// <summary>The answer to a received request: 202 for a new one, 200 (<c>duplicate</c>) for a repeated delivery id.</summary>
internal sealed record ReceivedAnswer(string Id, string Status, bool Duplicate);
