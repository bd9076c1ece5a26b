using Integrations.Inbound.Mapping;
using Integrations.Inbound.Sources.Requests;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Inbound.Sources.Api;

/// <summary>Managing sources and reading their logs: <c>/api/v1/inbound/sources…</c> (scopes inbound:read / inbound:write).</summary>
internal static class SourcesApi
{
    private const string What = "inbound source";

    public static void MapSourcesEndpoints(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/inbound/sources").RequireScope(InboundScopes.Read).WithTags("Inbound");
        var write = api.MapGroup("/inbound/sources").RequireScope(InboundScopes.Write).WithTags("Inbound");
        read.MapGet("/", List).WithSummary("The workspace's inbound sources, newest first, with request counts; never their secrets.");
        read.MapGet("/{id}", Get).WithSummary("One source; never its secret.");
        write.MapPost("/", Create).WithSummary("Creates a source; a generated secret is shown only in this answer.");
        write.MapPatch("/{id}", Update).WithSummary("Changes name, verification, secret, idempotency, mapping or enabled.");
        write.MapDelete("/{id}", Delete).WithSummary("Deletes a source and its request log.");
        read.MapPost("/preview", PreviewApi.Preview).WithSummary("What a mapping makes of a sample payload; stores nothing.");
        read.MapGet("/{id}/requests", Requests).WithSummary("The source's requests, newest first: status, errors, the record produced.");
        read.MapGet("/{id}/requests/{requestId}", Request).WithSummary("One request with its body and selected headers.");
        write.MapPost("/{id}/requests/{requestId}/reprocess", Reprocess).WithSummary("Processes a request again with the current mapping.");
    }

    private static async Task<Results<Ok<Page<SourceView>>, ValidationProblem>> List(
        SourceDirectory directory, HttpRequest http, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.InboundSource, out var request) is { } invalid)
        {
            return invalid;
        }

        var sources = await directory.ListAsync(request.Cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(sources.Select(s => WithUrl(s, http)).ToList(), s => s.SourceId));
    }

    private static async Task<Results<Ok<SourceView>, ProblemHttpResult>> Get(SourceDirectory directory, HttpRequest http, string id, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } source ? TypedResults.Ok(WithUrl(source, http)) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Created<SourceView>, ValidationProblem, ProblemHttpResult>> Create(
        SourceDirectory directory, HttpRequest http, SourceInput input, CancellationToken ct)
    {
        if (MappingWrites.MissingScope(http.HttpContext.User, input.Mapping ?? MappingPreset.Find(input.MappingPreset ?? "")?.Mapping) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var edit = await directory.CreateAsync(input, ct);
        return edit.Source is { } source
            ? TypedResults.Created(source.Path.Replace("/inbound/", "/inbound/sources/", StringComparison.Ordinal), WithUrl(source, http))
            : TypedResults.ValidationProblem(edit.Errors);
    }

    private static async Task<Results<Ok<SourceView>, ValidationProblem, ProblemHttpResult>> Update(
        SourceDirectory directory, HttpRequest http, string id, SourceInput input, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } current)
        {
            return ApiProblems.NotFound(What, id);
        }

        // Any change to a source that writes records is a change to what gets written: the mapping it will have.
        var mapping = input.Mapping ?? MappingPreset.Find(input.MappingPreset ?? "")?.Mapping ?? current.Mapping;
        if (MappingWrites.MissingScope(http.HttpContext.User, mapping) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        return await directory.UpdateAsync(id, input, ct) switch
        {
            null => ApiProblems.NotFound(What, id),
            { Source: { } source } => TypedResults.Ok(WithUrl(source, http)),
            var edit => TypedResults.ValidationProblem(edit.Errors),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(SourceDirectory directory, string id, CancellationToken ct) =>
        await directory.DeleteAsync(id, ct) is not null ? TypedResults.NoContent() : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<Page<InboundRequestView>>, ValidationProblem, ProblemHttpResult>> Requests(
        RequestLog log, string id, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.InboundRequest, out var request) is { } invalid)
        {
            return invalid;
        }

        return await log.ListAsync(id, request.Cursor, request.Limit + 1, ct) is { } rows
            ? TypedResults.Ok(request.ToPage(rows, r => r.RequestId))
            : ApiProblems.NotFound(What, id);
    }

    private static async Task<Results<Ok<InboundRequestView>, ProblemHttpResult>> Request(
        RequestLog log, string id, string requestId, CancellationToken ct) =>
        await log.FindAsync(id, requestId, ct) is { } request ? TypedResults.Ok(request) : ApiProblems.NotFound("request", requestId);

    private static async Task<Results<Accepted<InboundRequestView>, ProblemHttpResult>> Reprocess(
        SourceDirectory directory, RequestLog log, HttpContext http, string id, string requestId, CancellationToken ct)
    {
        // Reprocessing writes records with the current mapping: the caller needs its write scopes, as to change it.
        if (await directory.FindAsync(id, ct) is { } source && MappingWrites.MissingScope(http.User, source.Mapping) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        return await log.ReprocessAsync(id, requestId, ct) switch
        {
            null => ApiProblems.NotFound("request", requestId),
            { Queued: false } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Still waiting",
                detail: "This request has not been processed yet; it will be shortly."),
            var (request, _) => TypedResults.Accepted((string?)null, request),
        };
    }

    private static SourceView WithUrl(SourceView source, HttpRequest http) => source with { Url = $"{http.Scheme}://{http.Host}{source.Path}" };
}
