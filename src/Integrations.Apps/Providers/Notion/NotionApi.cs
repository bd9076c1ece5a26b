using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Microsoft.Extensions.Options;

namespace Integrations.Apps.Providers.Notion;

/// <summary>Notion's REST API for a connection (<c>{api}/v1/…</c>, with the configured <c>Notion-Version</c>), through
/// <see cref="AppApi"/>: a fresh token, a 429's <c>Retry-After</c>, Notion's <c>{object: "error", status, code, message}</c>.</summary>
internal sealed class NotionApi(AppApi api, AppCatalogue catalogue, IOptions<NotionOptions> options)
{
    public Task<JsonDocument> GetAsync(AppConnection connection, string path, CancellationToken ct) =>
        SendAsync(connection, HttpMethod.Get, path, null, ct);

    public Task<JsonDocument> PostAsync(AppConnection connection, string path, JsonObject body, CancellationToken ct) =>
        SendAsync(connection, HttpMethod.Post, path, body, ct);

    private Task<JsonDocument> SendAsync(AppConnection connection, HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var url = $"{catalogue.Find(NotionServices.AppId)!.Urls["api"].TrimEnd('/')}/v1/{path}";
        var json = body?.ToJsonString();
        var version = options.Value.ApiVersion;
        return api.SendAsync(connection, () => new HttpRequestMessage(method, url)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { { "Notion-Version", version } },
        }, ct);
    }

    /// <summary>A Notion id as the API writes it in answers (dashed UUID), from either form an admin may paste; null when
    /// it is not one.</summary>
    public static string? Id(string? text) =>
        Guid.TryParse(text?.Trim(), out var id) ? id.ToString("D") : null;
}
