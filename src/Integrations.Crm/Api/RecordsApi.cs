using System.Security.Claims;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
        var records = api.MapGroup("/records/{object}").WithTags("Records");
        records.MapGet("/", List).WithSummary("List records: cursor pagination, updated_since, field filters (?email=…).");
        records.MapGet("/{id}", Get).WithSummary("Get one record.");
        records.MapPost("/", Create).WithSummary("Create a record.");
        records.MapPatch("/{id}", Update).WithSummary("Change the given fields of a record; null clears a field.");
        records.MapDelete("/{id}", Delete).WithSummary("Delete a record.");
        records.MapPost("/bulk", Bulk).WithSummary($"Upsert up to {MaxBulkRecords} records in one transaction (bulk:write).");
    }

    private static async Task<IResult> List(string @object, HttpContext http, RecordReader reader, CancellationToken ct)
    {
        if (Refuse(@object, http.User, t => t.ReadScope, out var type) is { } refusal)
        {
            return refusal;
        }

        var errors = new Dictionary<string, string[]>();
        var query = ListParameters.TryRead(type, http.Request.Query, errors);
        return query is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await reader.ListAsync(type, query, ct));
    }

    private static async Task<IResult> Get(string @object, string id, ClaimsPrincipal user, RecordReader reader, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.ReadScope, out var type) is { } refusal)
        {
            return refusal;
        }

        return PublicId.TryParse(type.Prefix, id, out var key) && await reader.GetAsync(type, key, ct) is { } record
            ? TypedResults.Ok(record)
            : RecordProblems.NoSuchRecord(type, id);
    }

    private static async Task<IResult> Create(string @object, JsonObject body, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.WriteScope, out var type) is { } refusal)
        {
            return refusal;
        }

        var outcome = await pipeline.CreateAsync(type, body, ct);
        return outcome.Succeeded
            ? TypedResults.Created($"/api/v1/records/{type.Name}/{outcome.Record!["id"]}", outcome.Record)
            : RecordProblems.For(outcome);
    }

    private static async Task<IResult> Update(string @object, string id, JsonObject body, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
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
        return outcome.Succeeded ? TypedResults.Ok(outcome.Record) : RecordProblems.For(outcome);
    }

    private static async Task<IResult> Delete(string @object, string id, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
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
        return outcome.Succeeded ? TypedResults.NoContent() : RecordProblems.For(outcome);
    }

    private static async Task<IResult> Bulk(string @object, BulkRequest body, ClaimsPrincipal user, RecordPipeline pipeline, CancellationToken ct)
    {
        if (Refuse(@object, user, t => t.WriteScope, out var type) is { } refusal)
        {
            return refusal;
        }

        if (!user.Allows("bulk:write"))
        {
            return ApiProblems.MissingScope("bulk:write");
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
            return RecordProblems.For(result);
        }

        var items = result.Outcomes
            .Select(o => new BulkItem(o.Index, PublicId.Format(type.Prefix, o.Id!.Value), o.Change!.Value.ToString().ToLowerInvariant()))
            .ToList();
        return TypedResults.Ok(new BulkResult(result.Count(RecordChange.Created), result.Count(RecordChange.Updated),
            result.Count(RecordChange.Unchanged), items));
    }

    /// <summary>Null when the object exists and the key holds the scope it needs; else the answer to send.</summary>
    private static IResult? Refuse(string name, ClaimsPrincipal user, Func<RecordType, string> scope, out RecordType type)
    {
        type = RecordTypes.Find(name)!;
        return type is null ? RecordProblems.UnknownObject(name)
            : user.Allows(scope(type)) ? null
            : ApiProblems.MissingScope(scope(type));
    }
}
