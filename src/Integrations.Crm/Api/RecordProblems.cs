using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Crm.Api;

/// <summary>How pipeline outcomes read over HTTP: every error names its field.</summary>
internal static class RecordProblems
{
    public static ProblemHttpResult UnknownObject(string name) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown object",
        detail: $"There is no object '{name}'. Objects: contact, account, deal (also 'opportunity'), product, activity.");

    public static ProblemHttpResult NoSuchRecord(RecordType type, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"No {type.Name} with id '{id}' exists in this workspace.");

    /// <summary>A failed command as the handler's own result type (<typeparamref name="TSuccess"/> is its success).</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> For<TSuccess>(RecordOutcome outcome)
        where TSuccess : IResult
    {
        var errors = outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return outcome.ErrorKind switch
        {
            RecordErrorKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: outcome.Errors[0].Message),
            RecordErrorKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: outcome.Errors[0].Message, extensions: new Dictionary<string, object?> { ["errors"] = errors }),
            RecordErrorKind.LimitReached => LimitReached(outcome.Errors[0].Message),
            _ => TypedResults.ValidationProblem(errors, detail: "One or more fields are not valid."),
        };
    }

    /// <summary>A failed batch: every record's errors, keyed <c>records[i].field</c>; nothing was stored.</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> For<TSuccess>(BatchResult result)
        where TSuccess : IResult
    {
        var failed = result.Outcomes.Where(o => !o.Succeeded).ToList();
        if (result.ErrorKind == RecordErrorKind.LimitReached)
        {
            return LimitReached(failed[0].Errors[0].Message);
        }

        var errors = failed
            .SelectMany(o => o.Errors.Select(e => (Key: $"records[{o.Index}].{e.Field}", e.Message)))
            .GroupBy(e => e.Key)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors,
            detail: $"{failed.Count} of {result.Outcomes.Count} records are not valid; nothing was stored.");
    }

    private static ProblemHttpResult LimitReached(string message) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Plan limit reached", detail: message,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["records"] = [message] } });
}
