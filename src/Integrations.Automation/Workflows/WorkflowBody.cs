using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Automation.Workflows;

/// <summary>A workflow's JSON is read as JSON, not bound to a type: the rules then name every wrong property by its path.</summary>
internal static class WorkflowBody
{
    public static async Task<JsonObject?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: ct) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ValidationProblem NotAWorkflow() =>
        ApiProblems.Invalid("body", "The body must be a workflow: a JSON object with name, trigger and steps.");

    /// <summary>The plan's refusal, shaped as the record limit's is (403 "Plan limit reached").</summary>
    public static ProblemHttpResult LimitReached(string message) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Plan limit reached", detail: message,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["enabled"] = [message] } });
}
