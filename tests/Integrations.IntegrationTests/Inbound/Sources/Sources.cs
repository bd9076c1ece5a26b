using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>Arranges sources through the API and sends to them as an outside system would, each test in its own workspace.</summary>
internal static class Sources
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A contact from <c>$.email</c> and <c>$.name</c>, matched by email.</summary>
    public static readonly object ContactMapping = new
    {
        @object = "contact",
        fields = new object[] { new { field = "email", path = "$.email" }, new { field = "first_name", path = "$.name" } },
        upsert = new { by = "email" },
    };

    public static Task<HttpClient> ClientAsync(SentinelApp app) =>
        Subscribers.NewWorkspaceClientAsync(app, "inbound:read", "inbound:write", "webhooks:write", "crm:read", "crm:write", "commerce:write", "audit:read");

    public static async Task<JsonElement> CreateAsync(this HttpClient client, object source)
    {
        var response = await client.PostAsJsonAsync("/api/v1/inbound/sources", source, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static string Id(this JsonElement source) => source.GetProperty("source_id").GetString()!;

    public static string Secret(this JsonElement source) => source.GetProperty("secret").GetString()!;

    /// <summary>POSTs <paramref name="body"/> to the source's receiving URL without an API key.</summary>
    public static async Task<HttpResponseMessage> SendAsync(SentinelApp app, string sourceId, string body,
        IReadOnlyDictionary<string, string> headers)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/inbound/{sourceId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request, Ct);
        // The test server's stream closes with its client.
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    /// <summary>Sends and asserts 202; returns the request id.</summary>
    public static async Task<string> AcceptedAsync(SentinelApp app, string sourceId, string body, IReadOnlyDictionary<string, string> headers)
    {
        var response = await SendAsync(app, sourceId, body, headers);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return answer.GetProperty("id").GetString()!;
    }

    /// <summary>The request from the source's log once the worker has processed it (or failed to).</summary>
    public static Task<JsonElement> ProcessedAsync(this HttpClient client, string sourceId, string requestId) =>
        Poll.UntilAsync(
            async () => await client.GetFromJsonAsync<JsonElement>($"/api/v1/inbound/sources/{sourceId}/requests/{requestId}", Ct),
            r => r.GetProperty("status").GetString() != "received",
            TimeSpan.FromSeconds(15),
            r => $"Request {requestId} is still {r.GetProperty("status")}.");

    public static async Task<JsonElement[]> RequestsAsync(this HttpClient client, string sourceId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/inbound/sources/{sourceId}/requests", Ct)).GetProperty("data").EnumerateArray().ToArray();

    public static async Task<JsonElement[]> RecordsAsync(this HttpClient client, string type) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/records/{type}", Ct)).GetProperty("data").EnumerateArray().ToArray();

    public static string[] ErrorFields(this JsonElement request) =>
        request.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).ToArray();
}
