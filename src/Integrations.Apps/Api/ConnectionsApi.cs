using Integrations.Apps.Connections;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Apps.Api;

internal static class ConnectionsApi
{
    private const string What = "connection";

    public static void MapConnectionsEndpoints(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/connections").RequireScope(AppsScopes.Read).WithTags("Apps");
        var write = api.MapGroup("/connections").RequireScope(AppsScopes.Write).WithTags("Apps");
        read.MapGet("/", List).WithSummary("The workspace's connected app accounts, newest first; never a token.");
        read.MapGet("/{id}", Get).WithSummary("One connected account; never a token.");
        write.MapDelete("/{id}", Disconnect).WithSummary("Revokes the grant at the provider where it has a revoke URL, then deletes the connection and its tokens.");
    }

    private static async Task<Results<Ok<Page<ConnectionView>>, ValidationProblem>> List(
        AppConnections connections, string? app, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.AppConnection, out var request) is { } invalid)
        {
            return invalid;
        }

        var page = await connections.ListAsync(app, request.Cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(page, c => c.Id));
    }

    private static async Task<Results<Ok<ConnectionView>, ProblemHttpResult>> Get(AppConnections connections, string id, CancellationToken ct) =>
        await connections.FindAsync(id, ct) is { } connection ? TypedResults.Ok(connection) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<DisconnectView>, ProblemHttpResult>> Disconnect(AppConnections connections, string id, CancellationToken ct) =>
        await connections.DisconnectAsync(id, ct) is { } done ? TypedResults.Ok(done) : ApiProblems.NotFound(What, id);
}
