using System.Text.Json.Nodes;
using Integrations.Apps.Connect.Credentials;
using Integrations.Apps.Connections;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Apps.Api;

internal static class CredentialsApi
{
    public static void MapCredentialsEndpoints(this IEndpointRouteBuilder api) =>
        api.MapGroup("/apps").RequireScope(AppsScopes.Write).WithTags("Apps")
            .MapPost("/{id}/connections", Connect)
            .WithSummary("Connects an app that takes credentials (auth kind credentials, e.g. WhatsApp): they are checked with the provider first, then stored encrypted; 201 for a new account, 200 when it replaced the account's credentials.");

    private static async Task<Results<Created<ConnectionView>, Ok<ConnectionView>, ProblemHttpResult, ValidationProblem>> Connect(
        CredentialConnect connect, string id, CredentialsRequest? request, CancellationToken ct)
    {
        if (request?.Credentials is null)
        {
            return ApiProblems.Invalid("credentials", "Expected {\"credentials\": {…}} with the app's credential fields.");
        }

        var outcome = await connect.ConnectAsync(id, request.Credentials, ct);
        return outcome switch
        {
            { Missing: not null } => ApiProblems.NotFound("app", id),
            { Connection: { } view, Reconnected: true } => TypedResults.Ok(view),
            { Connection: { } view } => TypedResults.Created($"/api/v1/connections/{view.Id}", view),
            _ => TypedResults.ValidationProblem(outcome.Errors),
        };
    }
}

/// <summary><c>POST /apps/{id}/connections</c>'s body: <c>{"credentials": {…}}</c>, the fields of the app's <c>auth.fields</c>.</summary>
internal sealed record CredentialsRequest(JsonObject? Credentials);
