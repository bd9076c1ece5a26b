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
        api.MapGet("/audit", List).RequireScope(PlatformScopes.AuditRead).WithTags("Audit")
            .WithSummary("The workspace's audit trail, newest first, with filters and cursor pagination.");

    private static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> List(
        AuditLog log, string? object_type, string? object_id, string? action, string? actor_id, string? source,
        DateTimeOffset? since, DateTimeOffset? until, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.Audit, out var request) is { } invalid)
        {
            return invalid;
        }

        var entries = await log.FindAsync(
            new AuditQuery(object_type, object_id, action, actor_id, source, since, until, request.Cursor, request.Limit), ct);
        return TypedResults.Ok(request.ToPage(entries.Select(AuditEntryResponse.From).ToList(), e => e.Id));
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
