using System.Security.Claims;
using Integrations.ApiKeys.Authentication;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.ApiKeys.Api;

internal static class KeysApi
{
    private const string What = "API key";

    public static void MapKeysApi(this IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/keys").RequireScope(ApiKeyScopes.KeysManage).WithTags("API keys");
        keys.MapGet("/", List).WithSummary("The workspace's API keys, newest first, masked.");
        keys.MapPost("/", Create).WithSummary("Generates a key; the response is the only time its secret is shown.");
        keys.MapGet("/{id}", Get).WithSummary("One API key, masked.");
        keys.MapPost("/{id}/revoke", Revoke).WithSummary("Revokes a key; it stops working at once.");
        keys.MapPost("/{id}/roll", Roll)
            .WithSummary("A new secret for the key, shown once; the old one works for grace_period (none, 1h, 24h or 7d; none when left out).");
        keys.MapDelete("/{id}", Delete).WithSummary("Deletes a key.");
    }

    private static async Task<Results<Ok<Page<ApiKeyView>>, ValidationProblem>> List(
        KeyRing ring, string? cursor, string? limit, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, IdPrefixes.ApiKey, out var request) is { } invalid)
        {
            return invalid;
        }

        var keys = await ring.ListAsync(cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(keys, k => k.Id));
    }

    private static async Task<Results<Created<IssuedApiKey>, ValidationProblem, ProblemHttpResult>> Create(
        KeyRing ring, NewApiKey request, HttpContext http, CancellationToken ct)
    {
        var errors = ring.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // A key may hand on only what it holds itself; otherwise keys:manage would be a way to admin.
        if (request.Scopes!.FirstOrDefault(scope => !http.User.Allows(scope)) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        // Nor may what it makes outlive it: by default the new key expires with the one that made it.
        if (Caller(http).ExpiresAt is { } limit)
        {
            if (request.ExpiresAt > limit)
            {
                return ApiProblems.Invalid("expires_at",
                    $"A key cannot outlive the key that makes it, which expires at {limit:yyyy-MM-ddTHH:mm:ssZ}.");
            }

            request = request with { ExpiresAt = request.ExpiresAt ?? limit };
        }

        var issued = await ring.IssueAsync(request, ct);
        return TypedResults.Created($"/api/v1/keys/{issued.ApiKey.Id}", issued);
    }

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> Get(KeyRing ring, string id, CancellationToken ct) =>
        await ring.FindAsync(id, ct) is { } key ? TypedResults.Ok(key) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> Revoke(KeyRing ring, ClaimsPrincipal user, string id, CancellationToken ct)
    {
        if (await RefuseAsync(ring, user, id, ct) is { } refusal)
        {
            return refusal;
        }

        return await ring.RevokeAsync(id, ct) is { } key ? TypedResults.Ok(key) : ApiProblems.NotFound(What, id);
    }

    private static async Task<Results<Ok<IssuedApiKey>, ValidationProblem, ProblemHttpResult>> Roll(
        KeyRing ring, HttpContext http, string id, RollRequest? request, CancellationToken ct)
    {
        if (!KeyRing.GracePeriods.TryGetValue(request?.GracePeriod ?? "none", out var grace))
        {
            return ApiProblems.Invalid("grace_period", "grace_period is none, 1h, 24h or 7d.");
        }

        if (await RefuseAsync(ring, http.User, id, ct) is { } refusal)
        {
            return refusal;
        }

        // Rolling hands over a key's working secret: never to an old secret on its way out (it would keep its key for
        // good and stop the new one), nor to a key that expires before the key it rolls.
        var caller = Caller(http);
        if (caller.IsPreviousSecret)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Old secret",
                detail: "This is the old secret of a rolling key; use its new secret to roll keys.");
        }

        if (caller.ExpiresAt is { } limit && await ring.FindAsync(id, ct) is { } target && !(target.ExpiresAt <= limit))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Key outlives its roller",
                detail: "A key can roll only keys that expire no later than it does.");
        }

        var roll = await ring.RollAsync(id, grace, ct);
        return roll switch
        {
            { Issued: { } issued } => TypedResults.Ok(issued),
            { Refusal: { } why } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Cannot roll", detail: why),
            _ => ApiProblems.NotFound(What, id),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(KeyRing ring, ClaimsPrincipal user, string id, CancellationToken ct)
    {
        if (await RefuseAsync(ring, user, id, ct) is { } refusal)
        {
            return refusal;
        }

        return await ring.DeleteAsync(id, ct) is not null ? TypedResults.NoContent() : ApiProblems.NotFound(What, id);
    }

    /// <summary>A 404 for no such key, a 403 for a key that holds a scope the caller does not (stopping a wider key is
    /// not a narrower one's to do), else null.</summary>
    private static async Task<ProblemHttpResult?> RefuseAsync(KeyRing ring, ClaimsPrincipal user, string id, CancellationToken ct) =>
        await ring.FindAsync(id, ct) is not { } key ? ApiProblems.NotFound(What, id)
        : key.Scopes.FirstOrDefault(scope => !user.Allows(scope)) is { } missing ? ApiProblems.MissingScope(missing)
        : null;

    /// <summary>The key this request came with (every /api request has one).</summary>
    private static KnownKey Caller(HttpContext http) =>
        http.Features.Get<KnownKey>() ?? throw new InvalidOperationException("The keys API is reached with an API key only.");

    internal sealed record RollRequest(string? GracePeriod);
}
