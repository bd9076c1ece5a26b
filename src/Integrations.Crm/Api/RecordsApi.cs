using System.Security.Claims;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Crm.Api;

/// <summary>
/// <c>/api/v1/records/{object}</c> for contacts, accounts, deals (also "opportunity") and products. The scope
/// depends on the object (crm:* or commerce:*), so each handler checks it once the object is known.
/// </summary>
internal static class RecordsApi
{
    public const int MaxBulkRecords = 1000;

    public static void MapRecordsEndpoints(this IEndpointRouteBuilder api)
    {
        // 403 for a missing scope, 404 for an unknown object or record.
        var records = api.MapGroup("/records/{object}").WithTags("Records")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        records.MapGet("/", List).ScopedBy(t => t.ReadScope)
            .WithSummary("List records: cursor pagination, updated_since, field filters (?email=…).");
        records.MapGet("/{id}", Get).ScopedBy(t => t.ReadScope).WithSummary("Get one record.");
        records.MapPost("/", Create).ScopedBy(t => t.WriteScope).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create a record.");
        records.MapPatch("/{id}", Update).ScopedBy(t => t.WriteScope).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Change the given fields of a record; null clears a field.");
        records.MapDelete("/{id}", Delete).ScopedBy(t => t.DeleteScope).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Delete a record.");
        records.MapPost("/bulk", Bulk).ScopedBy(t => t.WriteScope).WithMetadata(new RequiredScope(CrmScopes.BulkWrite))
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary($"Upsert up to {MaxBulkRecords} records in one transaction (bulk:write).");
    }

    private static async Task<Results<Ok<Page<JsonObject>>, ValidationProblem, ProblemHttpResult>> List(string @object, HttpContext http, RecordReader reader, CancellationToken ct)
    {
        if (Refuse(@object, http.User, t => t.ReadScope, out var type) is { } refusal)
        {
            return refusal;
        }

        var errors = new Dictionary<string, string[]>();
        if (ListParameters.TryRead(type, http.Request.Query, errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await reader.ListAsync(type, query, ct));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(string @object, string id, ClaimsPrincipal user, RecordReader reader, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.ReadScope, out var type) is { } refusal)
        {
            return refusal;
        }

        if (!PublicId.TryParse(type.Prefix, id, out var key) || await reader.GetAsync(type, key, ct) is not { } record)
        {
            return RecordProblems.NoSuchRecord(type, id);
        }

        return TypedResults.Ok(record);
    }

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> Create(string @object, JsonObject body, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.WriteScope, out var type) is { } refusal)
        {
            return refusal;
        }

        var outcome = await pipeline.CreateAsync(type, body, ct);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/records/{type.Name}/{outcome.Record!["id"]}", outcome.Record)
            : RecordProblems.For<Created<JsonObject>>(outcome);
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Update(string @object, string id, JsonObject body, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.WriteScope, out var type) is { } refusal)
        {
            return refusal;
        }

        if (!PublicId.TryParse(type.Prefix, id, out var key))
        {
            return RecordProblems.NoSuchRecord(type, id);
        }

        var outcome = await pipeline.UpdateAsync(type, key, body, ct);
        return outcome.Succeeded ? TypedResults.Ok(outcome.Record) : RecordProblems.For<Ok<JsonObject>>(outcome);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(string @object, string id, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.DeleteScope, out var type) is { } refusal)
        {
            return refusal;
        }

        if (!PublicId.TryParse(type.Prefix, id, out var key))
        {
            return RecordProblems.NoSuchRecord(type, id);
        }

        var outcome = await pipeline.DeleteAsync(type, key, ct);
        return outcome.Succeeded ? TypedResults.NoContent() : RecordProblems.For<NoContent>(outcome);
    }

    private static async Task<Results<Ok<BulkResult>, ValidationProblem, ProblemHttpResult>> Bulk(string @object, BulkRequest body, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.WriteScope, out var type) is { } refusal)
        {
            return refusal;
        }

        if (!user.Allows(CrmScopes.BulkWrite))
        {
            return ApiProblems.MissingScope(CrmScopes.BulkWrite);
        }

        if (body.Records is not { Count: > 0 and <= MaxBulkRecords } records)
        {
            return ApiProblems.Invalid("records", $"records must hold 1 to {MaxBulkRecords} records.");
        }

        if (body.UpsertBy is { } upsertBy && upsertBy != "id" && upsertBy != type.NaturalKey)
        {
            return ApiProblems.Invalid("upsert_by", $"upsert_by must be 'id'{(type.NaturalKey is null ? "" : $" or '{type.NaturalKey}'")} for {type.Name}.");
        }

        var commands = new List<RecordCommand>(records.Count);
        var idErrors = new Dictionary<string, string[]>();
        for (var i = 0; i < records.Count; i++)
        {
            Guid? id = null;
            if (records[i]?["id"] is JsonValue idValue)
            {
                if (PublicId.TryParse(type.Prefix, idValue.ToString(), out var parsed))
                {
                    id = parsed;
                }
                else
                {
                    idErrors[$"records[{i}].id"] = [$"'{idValue}' is not a {type.Name} id."];
                }
            }

            commands.Add(new RecordCommand(RecordOperation.Upsert, id, records[i] ?? []));
        }

        if (idErrors.Count > 0)
        {
            return TypedResults.ValidationProblem(idErrors);
        }

        var result = await pipeline.ApplyAsync(type, commands, new RecordBatchOptions(UpsertBy: body.UpsertBy), ct);
        if (!result.Succeeded)
        {
            return RecordProblems.For<Ok<BulkResult>>(result);
        }

        var items = result.Outcomes
            .Select(o => new BulkItem(o.Index, PublicId.Format(type.Prefix, o.Id!.Value), o.Change!.Value.ToString().ToLowerInvariant()))
            .ToList();
        return TypedResults.Ok(new BulkResult(result.Count(RecordChange.Created), result.Count(RecordChange.Updated),
            result.Count(RecordChange.Unchanged), items));
    }

    /// <summary>Null when the object exists and the key holds the scope it needs; else the answer to send.</summary>
    private static ProblemHttpResult? Refuse(string name, ClaimsPrincipal user, Func<RecordType, string> scope, out RecordType type)
    {
        type = RecordTypes.Find(name)!;
        return type is null ? RecordProblems.UnknownObject(name)
            : user.Allows(scope(type)) ? null
            : ApiProblems.MissingScope(scope(type));
    }

    /// <summary>The scopes the endpoint may require, one per object kind (<c>crm:read</c> or <c>commerce:read</c>), as
    /// metadata: the handler checks the one its object needs.</summary>
    private static RouteHandlerBuilder ScopedBy(this RouteHandlerBuilder endpoint, Func<RecordType, string> scope) =>
        endpoint.WithMetadata([.. RecordTypes.All.Select(scope).Distinct().Select(name => new RequiredScope(name))]);
}
