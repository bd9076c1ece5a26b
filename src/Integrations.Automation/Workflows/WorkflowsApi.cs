using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Automation.Workflows;

internal static class WorkflowsApi
{
    private const string What = "workflow";

    public static void MapWorkflowsEndpoints(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/workflows").RequireScope(WorkflowScopes.Read).WithTags("Workflows");
        var write = api.MapGroup("/workflows").RequireScope(WorkflowScopes.Write).WithTags("Workflows");
        read.MapGet("/", List).WithSummary("The workspace's workflows, newest first; ?enabled=true|false and ?trigger={type} filter them.");
        read.MapGet("/step-types", WorkflowCatalogApi.StepTypes).WithSummary("Every step type: its fields, and whether a test run may really run it.");
        read.MapGet("/trigger-types", WorkflowCatalogApi.TriggerTypes).WithSummary("Every trigger type with what it takes, and the events app.event and event triggers may name.");
        read.MapGet("/{id}", Get).WithSummary("One workflow: its current version's JSON with id, version, enabled and timestamps; never its secret.");
        read.MapGet("/{id}/versions", Versions).WithSummary("The workflow's versions, newest first.");
        read.MapGet("/{id}/versions/{version}", Version).WithSummary("One version's JSON as it was published.");
        write.MapPost("/", Create).WithSummary("Creates a workflow from its JSON (disabled unless enabled: true); its signing secret is shown only in this answer.");
        write.MapPut("/{id}", Update).WithSummary("Publishes the JSON as a new version (the same JSON publishes nothing); runs finish on the version they started on.");
        write.MapDelete("/{id}", Delete).WithSummary("Deletes the workflow (its runs are kept for their retention); it stops at once.");
        write.MapPost("/{id}/enable", Enable).WithSummary("Enables the workflow, within the plan's limit on enabled workflows.");
        write.MapPost("/{id}/disable", Disable).WithSummary("Disables the workflow; runs already started finish.");
        write.MapPost("/{id}/duplicate", Duplicate).WithSummary("A disabled copy named \"… (copy)\", with its own signing secret shown once.");
    }

    private static async Task<Results<Ok<Page<WorkflowListItem>>, ValidationProblem>> List(
        WorkflowDirectory workflows, string? enabled, string? trigger, string? cursor, string? limit, CancellationToken ct)
    {
        var on = enabled switch { null => null, "true" => true, "false" => false, _ => default(bool?) };
        if (enabled is not null && on is null)
        {
            return ApiProblems.Invalid("enabled", "enabled must be true or false.");
        }

        if (trigger is not null && !TriggerTypes.All.Contains(trigger))
        {
            return ApiProblems.Invalid("trigger", $"trigger must be one of {string.Join(", ", TriggerTypes.All)}.");
        }

        if (PageRequest.TryRead(limit, cursor, IdPrefixes.Workflow, out var request) is { } invalid)
        {
            return invalid;
        }

        var page = await workflows.ListAsync(on, trigger, request.Cursor, request.Limit + 1, ct);
        return TypedResults.Ok(request.ToPage(page, w => w.Id));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(WorkflowDirectory workflows, string id, CancellationToken ct) =>
        await workflows.FindAsync(id, ct) is { } view ? TypedResults.Ok(view) : ApiProblems.NotFound(What, id);

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> Create(
        WorkflowDirectory workflows, HttpRequest request, CancellationToken ct)
    {
        if (await WorkflowBody.ReadAsync(request, ct) is not { } json)
        {
            return WorkflowBody.NotAWorkflow();
        }

        var outcome = await workflows.CreateAsync(json, ct);
        return outcome.View is { } view
            ? TypedResults.Created($"/api/v1/workflows/{view["id"]}", view)
            : Refusal<Created<JsonObject>>(outcome, "");
    }

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Update(
        WorkflowDirectory workflows, HttpRequest request, string id, CancellationToken ct)
    {
        if (await WorkflowBody.ReadAsync(request, ct) is not { } json)
        {
            return WorkflowBody.NotAWorkflow();
        }

        return Answer(await workflows.UpdateAsync(id, json, ct), id);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(WorkflowDirectory workflows, string id, CancellationToken ct) =>
        await workflows.DeleteAsync(id, ct) ? TypedResults.NoContent() : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Enable(WorkflowDirectory workflows, string id, CancellationToken ct) =>
        Answer(await workflows.SetEnabledAsync(id, true, ct), id);

    private static async Task<Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult>> Disable(WorkflowDirectory workflows, string id, CancellationToken ct) =>
        Answer(await workflows.SetEnabledAsync(id, false, ct), id);

    private static async Task<Results<Created<JsonObject>, ValidationProblem, ProblemHttpResult>> Duplicate(WorkflowDirectory workflows, string id, CancellationToken ct)
    {
        var outcome = await workflows.DuplicateAsync(id, ct);
        return outcome.View is { } view ? TypedResults.Created($"/api/v1/workflows/{view["id"]}", view) : Refusal<Created<JsonObject>>(outcome, id);
    }

    private static async Task<Results<Ok<Page<WorkflowVersionItem>>, ProblemHttpResult>> Versions(WorkflowDirectory workflows, string id, CancellationToken ct) =>
        await workflows.VersionsAsync(id, ct) is { } versions
            ? TypedResults.Ok(new Page<WorkflowVersionItem>(versions, false, null))
            : ApiProblems.NotFound(What, id);

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Version(WorkflowDirectory workflows, string id, string version, CancellationToken ct) =>
        int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && await workflows.VersionAsync(id, number, ct) is { } view
            ? TypedResults.Ok(view)
            : ApiProblems.NotFound($"version {version} of workflow", id);

    private static Results<Ok<JsonObject>, ValidationProblem, ProblemHttpResult> Answer(WorkflowOutcome outcome, string id) =>
        outcome.View is { } view ? TypedResults.Ok(view) : Refusal<Ok<JsonObject>>(outcome, id);

    private static Results<T, ValidationProblem, ProblemHttpResult> Refusal<T>(WorkflowOutcome outcome, string id)
        where T : IResult => outcome switch
        {
            { Errors: { } errors } => TypedResults.ValidationProblem(errors, detail: "The workflow is not valid; nothing was saved."),
            { LimitRefusal: { } message } => WorkflowBody.LimitReached(message),
            _ => ApiProblems.NotFound(What, id),
        };
}
