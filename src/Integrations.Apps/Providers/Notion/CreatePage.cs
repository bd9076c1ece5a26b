using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// Notion's <c>create_page</c>: a page in a database (<c>database_id</c>, else the connection's synced one) with
/// <c>properties</c> given by name as plain values (from record fields in a workflow), each turned into the typed value
/// its property takes, as the database's schema (<c>GET /v1/databases/{id}</c>) says; a name the database lacks, or a
/// value its type cannot take, is a 400 naming <c>input.properties.{name}</c>. Answers the page's id and url.
/// </summary>
internal sealed class CreatePage(NotionApi api) : IAppAction
{
    public string AppId => NotionServices.AppId;

    public string ActionId => "create_page";

    public Dictionary<string, string[]> Check(JsonObject input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input["database_id"] is JsonValue given && NotionApi.Id(given.GetValue<string>()) is null)
        {
            errors["input.database_id"] = ["Expected a Notion database id (32 hex digits, with or without dashes)."];
        }

        if (input["properties"] is not JsonObject { Count: > 0 })
        {
            errors["input.properties"] = ["Expected an object of property name → value, with at least the page's title."];
        }

        return errors;
    }

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var database = NotionApi.Id((string?)input["database_id"]) ?? NotionApi.Id(context.Settings.Text(NotionRecords.DatabaseSetting))
            ?? throw new ActionInputException("input.database_id", "Name the database, or choose the synced database in the connection's settings.");
        Dictionary<string, string> schema;
        using (var answer = await api.GetAsync(context.Connection, $"databases/{database}", ct))
        {
            schema = answer.RootElement.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                ? properties.EnumerateObject().ToDictionary(p => p.Name, p => NotionPage.Text(p.Value, "type") ?? "")
                : [];
        }

        var typed = new JsonObject();
        foreach (var (name, value) in (JsonObject)input["properties"]!)
        {
            if (!schema.TryGetValue(name, out var type))
            {
                throw new ActionInputException($"input.properties.{name}", $"The database has no property '{name}'. Its properties: {string.Join(", ", schema.Keys)}.");
            }

            if (!NotionValues.Writable.Contains(type))
            {
                throw new ActionInputException($"input.properties.{name}", $"'{name}' is a {type} property, which Notion fills in itself.");
            }

            typed[name] = new JsonObject
            {
                [type] = NotionValues.Typed(type, value)
                    ?? throw new ActionInputException($"input.properties.{name}", $"'{name}' is a {type} property; {value?.ToJsonString() ?? "null"} does not fit it."),
            };
        }

        var body = new JsonObject { ["parent"] = new JsonObject { ["database_id"] = database }, ["properties"] = typed };
        using var created = await api.PostAsync(context.Connection, "pages", body, ct);
        return new JsonObject
        {
            ["page_id"] = NotionPage.Text(created.RootElement, "id"),
            ["url"] = NotionPage.Text(created.RootElement, "url"),
            ["database_id"] = database,
        };
    }
}
