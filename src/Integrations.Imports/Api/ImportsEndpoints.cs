using System.Security.Claims;
using Integrations.Crm;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Imports.Api;

/// <summary><c>/api/v1/imports</c>: upload a file to import, follow its progress, download its rejected rows, cancel it.</summary>
internal static class ImportsEndpoints
{
    /// <summary>Room for a million-row file of 100+ MB, on the upload endpoint only.</summary>
    internal const long MaxUploadBytes = 512L * 1024 * 1024;

    public static void MapImportsEndpoints(this IEndpointRouteBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        // An import creates and changes records, so it also needs the object's write scope (crm:write or commerce:write,
        // checked once the form names the object) and, to upsert, bulk:write, as the bulk endpoint does.
        imports.MapPost("", Start).RequireScope(ImportScopes.Write).DisableAntiforgery()
            .WithMetadata(new RequiredScope(CrmScopes.CrmWrite), new RequiredScope(CrmScopes.CommerceWrite), new RequiredScope(CrmScopes.BulkWrite))
            .WithMetadata(new RequestSizeLimitAttribute(MaxUploadBytes))
            .WithFormOptions(multipartBodyLengthLimit: MaxUploadBytes)
            .WithSummary("Uploads a CSV or .xlsx file (multipart: file, object, mode = create|upsert) and queues its import.");
        imports.MapGet("", List).RequireScope(ImportScopes.Read).WithSummary("Imports, newest first, with cursor pagination.");
        imports.MapGet("/{id}", Get).RequireScope(ImportScopes.Read).WithSummary("An import's status and row counts.");
        imports.MapGet("/{id}/errors", Errors).RequireScope(ImportScopes.Read)
            .WithSummary("The rows that were not imported, as CSV: row_number, error_message and the file's own columns.");
        imports.MapPost("/{id}/cancel", Cancel).RequireScope(ImportScopes.Write)
            .WithSummary("Stops a queued or running import before its next chunk; rows already imported stay.");
    }

    private static async Task<Results<Accepted<ImportJobView>, ValidationProblem, ProblemHttpResult>> Start(
        HttpRequest request, ClaimsPrincipal user, ImportJobs jobs, CancellationToken ct)
    {
        var form = await UploadForm.ReadAsync(request, ct);
        if (form.Problem is not null)
        {
            return form.Problem;
        }

        if (MissingScope(user, form.Type!, form.Mode) is { } missing)
        {
            return ApiProblems.MissingScope(missing);
        }

        var started = await jobs.StartAsync(form.File!, form.FileName!, form.Type!, form.Mode, ct);
        return started.Job is { } job
            ? TypedResults.Accepted($"/api/v1/imports/{job.Id}", job)
            : ApiProblems.Invalid("file", started.Refusal!);
    }

    private static string? MissingScope(ClaimsPrincipal user, RecordType type, ImportMode mode) =>
        !user.Allows(type.WriteScope) ? type.WriteScope
        : mode == ImportMode.Upsert && !user.Allows(CrmScopes.BulkWrite) ? CrmScopes.BulkWrite
        : null;

    private static async Task<Results<Ok<Page<ImportJobView>>, ValidationProblem>> List(
        ImportJobs jobs, string? limit, string? cursor, CancellationToken ct)
    {
        if (PageRequest.TryRead(limit, cursor, Platform.Ids.IdPrefixes.Import, out var page) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await jobs.ListAsync(page, ct));
    }

    private static async Task<Results<Ok<ImportJobView>, ProblemHttpResult>> Get(ImportJobs jobs, string id, CancellationToken ct) =>
        await jobs.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : ApiProblems.NotFound("import", id);

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Errors(ImportJobs jobs, string id, CancellationToken ct)
    {
        if (await jobs.GetAsync(id, ct) is not { } job)
        {
            return ApiProblems.NotFound("import", id);
        }

        return TypedResults.Stream(output => jobs.WriteErrorsAsync(id, output, ct), "text/csv; charset=utf-8", job.ErrorFileName());
    }

    private static async Task<Results<Ok<ImportJobView>, ProblemHttpResult>> Cancel(ImportJobs jobs, string id, CancellationToken ct)
    {
        if (await jobs.CancelAsync(id, ct) is not { } job)
        {
            return ApiProblems.NotFound("import", id);
        }

        return job.Status == ImportJobStatus.Cancelled
            ? TypedResults.Ok(job)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Import already finished",
                detail: $"This import has {(job.Status is ImportJobStatus.Failed ? "failed" : "completed")} and can no longer be cancelled.");
    }
}
