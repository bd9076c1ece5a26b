using System.Text.Json;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Platform.Audit;

internal static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder api) =>
        api.MapGet("/audit", List).RequireScope("audit:read").WithTags("Audit")
            .WithSummary("The workspace's audit trail, newest first, with filters and cursor pagination.");

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> List(
        AuditLog log, string? object_type, string? object_id, string? action, string? actor_id, string? source,
        DateTimeOffset? since, DateTimeOffset? until, string? cursor, int? limit, CancellationToken ct)
    {
        var take = limit ?? 50;
        if (take is < 1 or > 200)
        {
            return ApiProblems.Invalid("limit", "limit must be between 1 and 200.");
        }

        Guid? before = null;
        if (cursor is not null)
        {
            if (!PublicId.TryParse(IdPrefixes.Audit, cursor, out var id))
            {
                return ApiProblems.Invalid("cursor", "cursor is not one this API returned.");
            }

            before = id;
        }

        var entries = await log.FindAsync(
            new AuditQuery(object_type, object_id, action, actor_id, source, since, until, before, take), ct);
        var page = entries.Take(take).Select(AuditEntryResponse.From).ToList();
        var hasMore = entries.Count > take;
        return TypedResults.Ok(new Page<AuditEntryResponse>(page, hasMore, hasMore ? page[^1].Id : null));
    }
}

internal sealed record AuditActor(string Type, string Id, string Name);

internal sealed record AuditEntryResponse(
    string Id, DateTimeOffset OccurredAt, AuditActor Actor, string Source, string Action,
    string ObjectType, string ObjectId, JsonElement? Changes)
{
    public static AuditEntryResponse From(AuditEntry e) => new(
        PublicId.Format(IdPrefixes.Audit, e.Id), e.OccurredAt, new AuditActor(e.ActorType, e.ActorId, e.ActorName),
        e.Source, e.Action, e.ObjectType, e.ObjectId,
        e.Changes is null ? null : JsonSerializer.Deserialize<JsonElement>(e.Changes));
}
