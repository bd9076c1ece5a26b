using Integrations.Automation.Workflows;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Automation.Runs;

/// <summary>Runs over the API: start one by hand, the history, one run in full, retry, run again, and a test run.</summary>
internal static class RunsApi
{
    private const string WorkflowWhat = "workflow";
    private const string RunWhat = "workflow run";

    public static void MapRunsEndpoints(this IEndpointRouteBuilder api)
    {
        var readWorkflows = api.MapGroup("/workflows").RequireScope(WorkflowScopes.Read).WithTags("Workflows");
        var writeWorkflows = api.MapGroup("/workflows").RequireScope(WorkflowScopes.Write).WithTags("Workflows");
        var read = api.MapGroup("/workflow-runs").RequireScope(WorkflowScopes.Read).WithTags("Workflows");
        var write = api.MapGroup("/workflow-runs").RequireScope(WorkflowScopes.Write).WithTags("Workflows");
        writeWorkflows.MapPost("/test", Test).WithSummary("A test run of an unsaved workflow on a record: each step's rendered input, and what the steps that are safe to dry-run would do. Nothing is stored.");
        writeWorkflows.MapPost("/{id}/run", Start).WithSummary("Runs the workflow now on a record (record_id; required when the trigger names an object), whatever its trigger.");
        readWorkflows.MapGet("/{id}/runs", List).WithSummary("The workflow's runs, newest first; of one status with ?status=running|waiting|succeeded|failed|stopped.");
        read.MapGet("/{id}", Get).WithSummary("One run: its trigger data, each step's output, and every step run (input, output, error, attempt, duration).");
        write.MapPost("/{id}/retry", Retry).WithSummary("Retries a failed run from its failed step, on the version it ran on; 409 unless it failed.");
        write.MapPost("/{id}/rerun", Rerun).WithSummary("Runs the workflow again with this run's trigger data, on the workflow's latest version.");
    }

    private static async Task<Results<Accepted<RunView>, ValidationProblem, ProblemHttpResult>> Start(
        WorkflowRuns runs, string id, ManualRunRequest? request, CancellationToken ct)
    {
        if (await runs.WorkflowAsync(id, ct) is not { } workflow)
        {
            return ApiProblems.NotFound(WorkflowWhat, id);
        }

        var (run, error) = await runs.StartAsync(workflow, request?.RecordId, ct);
        return run is null ? ApiProblems.Invalid("record_id", error!) : TypedResults.Accepted($"/api/v1/workflow-runs/{run.Id}", run);
    }

    private static async Task<Results<Ok<Page<RunView>>, ValidationProblem, ProblemHttpResult>> List(
        WorkflowRuns runs, string id, string? status, string? cursor, string? limit, CancellationToken ct)
    {
        if (status is not null && !RunStatus.All.Contains(status))
        {
            return ApiProblems.Invalid("status", $"status must be one of {string.Join(", ", RunStatus.All)}.");
        }

        if (PageRequest.TryRead(limit, cursor, IdPrefixes.WorkflowRun, out var request) is { } invalid)
        {
            return invalid;
        }

        if (await runs.WorkflowAsync(id, ct) is not { } workflow)
        {
            return ApiProblems.NotFound(WorkflowWhat, id);
        }

        var page = await runs.ListAsync(workflow.Id, status, request.Cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(page, r => r.Id));
    }

    private static async Task<Results<Ok<RunDetailView>, ProblemHttpResult>> Get(WorkflowRuns runs, string id, CancellationToken ct) =>
        await runs.FindAsync(id, ct) is { } run ? TypedResults.Ok(run) : ApiProblems.NotFound(RunWhat, id);

    private static async Task<Results<Accepted<RunView>, ProblemHttpResult>> Retry(WorkflowRuns runs, string id, CancellationToken ct) =>
        await runs.RetryAsync(id, ct) switch
        {
            ({ } run, true) => TypedResults.Accepted($"/api/v1/workflow-runs/{run.Id}", run),
            ({ } run, false) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not failed",
                detail: $"Workflow run {id} is {run.Status}; only a failed run can be retried."),
            _ => ApiProblems.NotFound(RunWhat, id),
        };

    private static async Task<Results<Accepted<RunView>, ProblemHttpResult>> Rerun(WorkflowRuns runs, string id, CancellationToken ct) =>
        await runs.RerunAsync(id, ct) is { } run ? TypedResults.Accepted($"/api/v1/workflow-runs/{run.Id}", run) : ApiProblems.NotFound(RunWhat, id);

    private static async Task<Results<Ok<TestRunView>, ValidationProblem>> Test(TestRuns tests, TestRunRequest? request, CancellationToken ct)
    {
        var (run, errors) = await tests.RunAsync(request ?? new TestRunRequest(null, null), ct);
        return run is null ? TypedResults.ValidationProblem(errors!) : TypedResults.Ok(run);
    }
}
