using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Platform.Api;

/// <summary>The ProblemDetails every module answers with, so clients see one shape.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult MissingScope(string scope) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Missing scope",
        detail: $"This API key lacks the '{scope}' scope needed for this request.",
        extensions: new Dictionary<string, object?> { ["required_scope"] = scope });

    public static ProblemHttpResult NotFound(string what, string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Not found",
        detail: $"No {what} with id '{id}' exists in this workspace.");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
