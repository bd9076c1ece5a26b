using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Apps.Posts;

internal static class PostsApi
{
    private const string What = "post";

    public static void MapPostsEndpoints(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/posts").RequireScope(PostsScopes.Read).WithTags("Posts");
        var write = api.MapGroup("/posts").RequireScope(PostsScopes.Write).WithTags("Posts");
        read.MapGet("/", List).WithSummary("The workspace's posts, newest first; of one status with ?status=scheduled|publishing|published|failed|canceled.");
        read.MapGet("/{id}", Get).WithSummary("One post: scheduled, published (the provider's post id and link) or failed (the provider's message).");
        write.MapPost("/", Schedule).WithSummary("Schedules a post to a LinkedIn connection (Facebook Page and Instagram as they are connected) at publish_at; published at most once.");
        write.MapPost("/{id}/cancel", Cancel).WithSummary("Cancels a post while it is scheduled; 409 once its publishing has begun.");
    }

    private static async Task<Results<Created<PostView>, ValidationProblem>> Schedule(ScheduledPosts posts, ScheduleRequest? request, CancellationToken ct)
    {
        var (view, errors) = await posts.ScheduleAsync(request ?? new ScheduleRequest(null, null, null, null, null), ct);
        return view is null ? TypedResults.ValidationProblem(errors) : TypedResults.Created($"/api/v1/posts/{view.Id}", view);
    }

    private static async Task<Results<Ok<Page<PostView>>, ValidationProblem>> List(
        ScheduledPosts posts, string? status, string? cursor, string? limit, CancellationToken ct)
    {
        if (status is not null && !PostStatus.All.Contains(status))
        {
            return ApiProblems.Invalid("status", $"status must be one of {string.Join(", ", PostStatus.All)}.");
        }

        if (PageRequest.TryRead(limit, cursor, IdPrefixes.ScheduledPost, out var request) is { } invalid)
        {
            return invalid;
        }

        var page = await posts.ListAsync(status, request.Cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(page, p => p.Id));
    }

    private static async Task<Results<Ok<PostView>, ProblemHttpResult>> Get(ScheduledPosts posts, string id, CancellationToken ct) =>
        await posts.FindAsync(id, ct) is { } post ? TypedResults.Ok(post) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<PostView>, ProblemHttpResult>> Cancel(ScheduledPosts posts, string id, CancellationToken ct) =>
        await posts.CancelAsync(id, ct) switch
        {
            (CancelOutcome.Canceled, { } view) => TypedResults.Ok(view),
            (CancelOutcome.Conflict, { } view) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not scheduled",
                detail: $"Post {id} is {view.Status}; only a scheduled post can be canceled."),
            _ => ApiProblems.NotFound(What, id),
        };
}
