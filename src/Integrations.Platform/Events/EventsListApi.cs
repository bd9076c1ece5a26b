using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Platform.Events;

/// <summary>
/// The workspace's events for consumers that poll instead of receiving webhooks (Stripe's events list): newest first,
/// each as a delivery's body would carry it. The key needs <c>events:read</c>, and sees only the types its other scopes
/// can read (<see cref="EventAccess"/>), as a webhook subscribing to them would need.
/// </summary>
internal static class EventsListApi
{
    public static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem, ProblemHttpResult>> List(
        IntegrationsDbContext db, EventAccess access, ClaimsPrincipal user,
        string? type, string? created_after, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.Event, out var request) is { } invalid)
        {
            return invalid;
        }

        if (type is not null && EventCatalog.Find(type) is null)
        {
            return ApiProblems.Invalid("type", $"'{type}' is not an event type; GET /api/v1/events/catalog lists them.");
        }

        DateTimeOffset? after = null;
        if (created_after is not null)
        {
            if (!DateTimeOffset.TryParse(created_after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return ApiProblems.Invalid("created_after", "created_after must be an ISO 8601 time, e.g. 2026-05-15T10:00:00Z.");
            }

            after = parsed.ToUniversalTime(); // Npgsql writes timestamptz from UTC values only
        }

        if (type is not null && access.MissingScope(user, [type]) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var readable = access.Readable(user);
        var types = type is null ? readable : EventCatalog.Matching(type).Intersect(readable).ToList();
        var query = db.Set<StoredEvent>().AsNoTracking();
        if (types.Count < EventCatalog.All.Count)
        {
            query = query.Where(e => types.Contains(e.Type));
        }

        if (request.Cursor is { } before)
        {
            query = query.Where(e => e.Id < before);
        }

        if (after is { } from)
        {
            // The id bound lets the index stop at that time rather than read the workspace's history to its start.
            var first = MonotonicIds.FirstAt(from);
            query = query.Where(e => e.Id >= first && e.OccurredAt > from);
        }

        var rows = await query.OrderByDescending(e => e.Id).Take(request.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(request.ToPage(rows.Select(EventResponse.From).ToList(), e => e.Id));
    }

    /// <summary>An event of another workspace, or of a type the key cannot read, is not found.</summary>
    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> Get(
        IntegrationsDbContext db, EventAccess access, ClaimsPrincipal user, string id, CancellationToken ct)
    {
        if (!PublicId.TryParse(IdPrefixes.Event, id, out var eventId)
            || await db.Set<StoredEvent>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct) is not { } stored
            || access.MissingScope(user, [stored.Type]) is not null)
        {
            return ApiProblems.NotFound("event", id);
        }

        return TypedResults.Ok(EventResponse.From(stored));
    }
}

/// <summary>An event as <c>GET /api/v1/events</c> shows it: the body a delivery of it POSTs.</summary>
internal sealed record EventResponse(string Id, string Event, string Timestamp, JsonElement Data)
{
    public static EventResponse From(StoredEvent e) => new(
        PublicId.Format(IdPrefixes.Event, e.Id), e.Type, EventTime.Format(e.OccurredAt), JsonSerializer.Deserialize<JsonElement>(e.Data));
}
