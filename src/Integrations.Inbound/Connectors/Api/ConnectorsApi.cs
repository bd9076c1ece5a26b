using System.Security.Claims;
using Integrations.Inbound.Mapping;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Inbound.Connectors.Api;

internal static class ConnectorsApi
{
    private const string What = "connector";

    public static void MapConnectorsEndpoints(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/connectors").RequireScope(InboundScopes.Read).WithTags("Connectors");
        var write = api.MapGroup("/connectors").RequireScope(InboundScopes.Write).WithTags("Connectors");
        read.MapGet("/", List).WithSummary("The workspace's pull connectors, newest first; never their credentials.");
        read.MapGet("/{id}", Get).WithSummary("One connector with its last run; never its credentials.");
        read.MapGet("/{id}/runs", Runs).WithSummary("A connector's run history, newest first.");
        write.MapPost("/", Create).WithSummary("Creates a connector and, when enabled, its schedule.");
        write.MapPut("/{id}", Update).WithSummary("Replaces a connector's settings; credentials left out are kept.");
        write.MapDelete("/{id}", Delete).WithSummary("Deletes a connector, its schedule and its run history.");
        write.MapPost("/{id}/run", Run).WithSummary("Queues a run now (202); 409 while one is queued or running.");
    }

    private static async Task<Results<Ok<Page<ConnectorView>>, ValidationProblem>> List(
        ConnectorDirectory directory, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.Connector, out var request) is { } invalid)
        {
            return invalid;
        }

        var connectors = await directory.ListAsync(request.Cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(connectors, c => c.Id));
    }

    private static async Task<Results<Ok<ConnectorView>, ProblemHttpResult>> Get(ConnectorDirectory directory, string id, CancellationToken ct) =>
        await directory.FindAsync(id, ct) is { } connector ? TypedResults.Ok(connector) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<Page<ConnectorRunView>>, ValidationProblem, ProblemHttpResult>> Runs(
        ConnectorDirectory directory, string id, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.ConnectorRun, out var request) is { } invalid)
        {
            return invalid;
        }

        return await directory.RunsAsync(id, request.Cursor, request.Limit + 1, ct) is { } runs
            ? TypedResults.Ok(request.ToPage(runs, r => r.Id))
            : ApiProblems.NotFound(What, id);
    }

    private static async Task<Results<Created<ConnectorView>, ValidationProblem, ProblemHttpResult>> Create(
        ConnectorDirectory directory, ClaimsPrincipal user, ConnectorRequest request, CancellationToken ct)
    {
        if (MappingWrites.MissingScope(user, request.Mapping) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var errors = await directory.ValidateAsync(request, null, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var connector = await directory.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/connectors/{connector.Id}", connector);
    }

    private static async Task<Results<Ok<ConnectorView>, ValidationProblem, ProblemHttpResult>> Update(
        ConnectorDirectory directory, ClaimsPrincipal user, string id, ConnectorRequest request, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } current)
        {
            return ApiProblems.NotFound(What, id);
        }

        // Any change to a connector that writes records is a change to what gets written: the mapping it will have.
        if (MappingWrites.MissingScope(user, request.Mapping ?? current.Mapping) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var errors = await directory.ValidateAsync(request, id, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await directory.UpdateAsync(id, request, ct) is { } connector ? TypedResults.Ok(connector) : ApiProblems.NotFound(What, id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(ConnectorDirectory directory, string id, CancellationToken ct) =>
        await directory.DeleteAsync(id, ct) is not null ? TypedResults.NoContent() : ApiProblems.NotFound(What, id);

    private static async Task<Results<Accepted<ConnectorRunView>, ProblemHttpResult>> Run(
        ConnectorDirectory directory, ClaimsPrincipal user, string id, CancellationToken ct)
    {
        // A run writes records now: the caller needs the write scope of what the mapping writes, as to change it.
        if (await directory.FindAsync(id, ct) is { } connector && MappingWrites.MissingScope(user, connector.Mapping) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        return await directory.RequestRunAsync(id, ct) switch
        {
            null => ApiProblems.NotFound(What, id),
            { Run: { } run } => TypedResults.Accepted($"/api/v1/connectors/{id}/runs", run),
            { Refusal: var refusal } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already running", detail: refusal),
        };
    }
}
