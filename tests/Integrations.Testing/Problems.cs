using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Integrations.Testing;

/// <summary>Assertions on RFC 9457 ProblemDetails answers.</summary>
public static class Problems
{
    /// <summary>Asserts a ProblemDetails answer with <paramref name="status"/> and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        return body;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name <paramref name="field"/>, and returns the first message for it.</summary>
    public static async Task<string> AssertInvalidFieldAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors should name '{field}'");
        return messages[0].GetString()!;
    }

    /// <summary>Asserts a 401 that says why (<paramref name="error"/>) in the body and in a Bearer challenge.</summary>
    public static async Task AssertKeyRefusedAsync(this HttpResponseMessage response, string error)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(error, problem.GetProperty("error").GetString());
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        if (error != "missing_api_key")
        {
            Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
            Assert.Contains($"error_description=\"{problem.GetProperty("detail").GetString()}\"", challenge.Parameter, StringComparison.Ordinal);
        }
    }
}
