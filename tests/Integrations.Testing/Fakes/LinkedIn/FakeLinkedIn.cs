using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.LinkedIn;

/// <summary>
/// LinkedIn's Posts API (<c>POST /rest/posts</c>) on a LinkedIn-style <see cref="FakeOAuthProvider"/> (map it through
/// <see cref="FakeOAuthOptions.Apis"/>), as the member behind the token: it needs <c>w_member_social</c> (else 403),
/// the <c>LinkedIn-Version</c> header (else 426 <c>VERSION_MISSING</c>) and <c>X-Restli-Protocol-Version: 2.0.0</c>,
/// an author that is the member's own <c>urn:li:person:{sub}</c> (else 403), the fields a published feed post takes
/// (else 422 naming them); the same text twice from one author is 422 <c>DUPLICATE_POST</c>. A post is 201 with an
/// empty body and its URN in <c>x-restli-id</c>. Errors in LinkedIn's shape; 429 from <see cref="FakeOAuthProvider.InjectFault"/>.
/// </summary>
public sealed class FakeLinkedIn
{
    public const string PostsPath = "/rest/posts";

    /// <summary>Share ids are 19 digits at LinkedIn.</summary>
    private static long nextShare = 7_400_000_000_000_000_000;

    public ConcurrentQueue<FakeLinkedInPost> Posts { get; } = [];

    /// <summary>The FakeOAuthOptions for a LinkedIn fake with this API: 60-day access tokens, LinkedIn's own lifetime.</summary>
    public FakeOAuthOptions Options(TimeProvider clock, bool refreshTokens = false) => new(OAuthStyle.LinkedIn)
    {
        Clock = clock,
        AccessTokenLifetime = TimeSpan.FromDays(60),
        RefreshTokens = refreshTokens,
        Apis = Map,
    };

    public void Map(IEndpointRouteBuilder endpoints) => endpoints.MapPost(PostsPath, (Func<HttpContext, Task<IResult>>)CreateAsync).RequireFakeAccessToken();

    private async Task<IResult> CreateAsync(HttpContext context)
    {
        var grant = context.FakeGrant();
        var version = context.Request.Headers["LinkedIn-Version"].ToString();
        if (version.Length == 0)
        {
            return Results.Json(new
            {
                status = 426, code = "VERSION_MISSING",
                message = "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
            }, statusCode: 426);
        }

        if (version.Length != 6 || !version.All(char.IsAsciiDigit))
        {
            return Results.Json(new { status = 400, code = "VERSION_INVALID", message = $"Requested version {version} is not active" }, statusCode: 400);
        }

        var restli = context.Request.Headers["X-Restli-Protocol-Version"].ToString();
        if (restli != "2.0.0")
        {
            return LinkedInStyle.ApiError(400, 0, "X-Restli-Protocol-Version 2.0.0 is required");
        }

        if (!grant.Allows("w_member_social"))
        {
            return Denied("Not enough permissions to access: partnerApiPostsExternal.CREATE.20250101");
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return LinkedInStyle.ApiError(400, 0, "Invalid JSON in request body");
        }

        var author = Text(body, "author");
        var commentary = Text(body, "commentary");
        var article = body["content"] is JsonObject content ? content["article"] as JsonObject : null;
        var missing = new (bool Missing, string Field)[]
        {
            (author is null, "/author"),
            (commentary is null, "/commentary"),
            (Text(body, "visibility") is not ("PUBLIC" or "CONNECTIONS" or "LOGGED_IN"), "/visibility"),
            (Text(body, "lifecycleState") is not "PUBLISHED", "/lifecycleState"),
            ((body["distribution"] is JsonObject distribution ? Text(distribution, "feedDistribution") : null) is not ("MAIN_FEED" or "NONE"), "/distribution/feedDistribution"),
            (article is not null && (Text(article, "source") is null || Text(article, "title") is null), "/content/article"),
        }.Where(f => f.Missing).Select(f => f.Field).ToList();
        if (missing.Count > 0)
        {
            return Results.Json(new
            {
                errorDetailType = "com.linkedin.common.error.BadRequest",
                message = $"ERROR :: {string.Join(", ", missing)} :: field is required but not found and has no default value",
                errorDetails = new { inputErrors = missing.Select(m => new { description = "Field is required", input = new { inputPath = new { fieldPath = m } }, code = "FIELD_VALUE_MISSING" }) },
                status = 422,
            }, statusCode: 422);
        }

        if (author != $"urn:li:person:{grant.Account.LinkedInId}")
        {
            return Denied($"Field Value validation failed in REQUEST_BODY: Data Processing Exception while processing fields [/author]");
        }

        if (Posts.FirstOrDefault(p => p.Author == author && p.Commentary == commentary) is { } same)
        {
            return Results.Json(new
            {
                errorDetailType = "com.linkedin.common.error.BadRequest",
                message = $"com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of {same.Urn}",
                errorDetails = new { inputErrors = new[] { new { description = "Duplicate post is detected", input = new { }, code = "DUPLICATE_POST" } } },
                status = 422,
            }, statusCode: 422);
        }

        var urn = $"urn:li:share:{Interlocked.Increment(ref nextShare)}";
        Posts.Enqueue(new FakeLinkedInPost(urn, author!, commentary!, Text(body, "visibility")!,
            article is null ? null : Text(article, "source"), article is null ? null : Text(article, "title"), version, restli));
        context.Response.Headers["x-restli-id"] = urn;
        return Results.StatusCode(201);
    }

    private static IResult Denied(string message) =>
        Results.Json(new { status = 403, serviceErrorCode = 100, code = "ACCESS_DENIED", message }, statusCode: 403);

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
