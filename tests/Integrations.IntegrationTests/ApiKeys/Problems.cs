using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integrations.IntegrationTests.ApiKeys;

internal static class Problems
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
}
