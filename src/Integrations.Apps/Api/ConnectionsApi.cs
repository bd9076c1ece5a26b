using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
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
        write.MapPatch("/{id}", UpdateSettings).WithSummary("Changes the connection's settings (as its app declares them; a secret is stored encrypted and shown as \"set\").");
        write.MapPost("/{id}/sync", SyncNow).WithSummary("Queues every sync of the connection now; each goes on from its checkpoint.");
        write.MapPost("/{id}/actions/{action}", RunAction)
            .WithSummary("Runs one of the app's actions with a JSON input checked against the action's fields; answers the result or the provider's error.");
    }

    private static async Task<Results<Ok<ConnectionView>, ProblemHttpResult, ValidationProblem>> UpdateSettings(
        AppConnections connections, string id, SettingsRequest? request, CancellationToken ct)
    {
        if (request?.Settings is null)
        {
            return ApiProblems.Invalid("settings", "Expected {\"settings\": {…}} with the settings to change.");
        }

        var (view, errors) = await connections.UpdateSettingsAsync(id, request.Settings, ct);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors)
            : view is null ? ApiProblems.NotFound(What, id)
            : TypedResults.Ok(view);
    }

    private static async Task<Results<Accepted<ConnectionView>, ProblemHttpResult>> SyncNow(AppConnections connections, string id, CancellationToken ct) =>
        await connections.SyncNowAsync(id, ct) is { } view ? TypedResults.Accepted((string?)null, view) : ApiProblems.NotFound(What, id);

    private static async Task<IResult> RunAction(AppActions actions, HttpContext http, string id, string action, ActionRequest? request, CancellationToken ct)
    {
        var outcome = await actions.RunAsync(id, action, request?.Input, ct);
        if (outcome.RetryAfter is { } after)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return outcome switch
        {
            { Result: { } result } => TypedResults.Ok(new { result }),
            { Errors: { } errors } => TypedResults.ValidationProblem(errors),
            { Missing: { } missing } => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: missing),
            { Unusable: { } unusable } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Connect the account again", detail: unusable),
            { RetryAfter: not null } => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "The provider is throttling", detail: outcome.ProviderError),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status502BadGateway, title: "The provider refused the action", detail: outcome.ProviderError),
        };
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

/// <summary><c>PATCH /connections/{id}</c>'s body.</summary>
internal sealed record SettingsRequest(JsonObject? Settings);

/// <summary><c>POST /connections/{id}/actions/{action}</c>'s body: <c>{"input": {…}}</c>.</summary>
internal sealed record ActionRequest(JsonObject? Input);
