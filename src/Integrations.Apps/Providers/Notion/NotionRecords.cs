using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Inbound.Mapping;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// Where a connection's Notion pages go: its <c>database_id</c> setting names the database that is synced, its
/// <c>mapping</c> setting (the inbound mapping: <c>$.properties.Email</c> → <c>email</c>, upsert by the page's
/// <c>$.id</c> as external id, or by a natural key) says which object and fields. Pages are written through the inbound
/// writer with the connection as their origin, so a page found again by the sync or by a webhook updates its record.
/// </summary>
internal sealed class NotionRecords(RecordMappings mappings)
{
    public const string DatabaseSetting = "database_id";
    public const string MappingSetting = "mapping";

    /// <summary>The synced database and the mapping, or a <see cref="SettingMissingException"/> saying which is missing.</summary>
    public static (string DatabaseId, RecordMapping Mapping) Target(AppConnection connection)
    {
        var settings = JsonNode.Parse(connection.Settings) as JsonObject ?? [];
        var database = NotionApi.Id(settings[DatabaseSetting] is JsonValue d && d.TryGetValue<string>(out var text) ? text : null)
            ?? throw new SettingMissingException(DatabaseSetting, "Choose the Notion database to sync (its id, from the database's link) in the connection's settings.");
        if (settings[MappingSetting] is not JsonObject json)
        {
            throw new SettingMissingException(MappingSetting, "Map the database's properties to record fields in the connection's settings first.");
        }

        RecordMapping mapping;
        try
        {
            mapping = RecordMapping.FromJson(json.ToJsonString());
        }
        catch (JsonException e)
        {
            throw new SettingMissingException(MappingSetting, $"The connection's mapping cannot be read: {e.Message}");
        }

        return RecordMappings.Check(mapping) is [var first, ..]
            ? throw new SettingMissingException(MappingSetting, $"The connection's mapping is not sound: {first.Field}: {first.Message}")
            : (database, mapping);
    }

    public Task<MappedWrite> WriteAsync(AppConnection connection, RecordMapping mapping, NotionPage page, CancellationToken ct) =>
        mappings.WriteAsync(connection.Id, mapping, page.Document.ToJsonString(), ct);
}
