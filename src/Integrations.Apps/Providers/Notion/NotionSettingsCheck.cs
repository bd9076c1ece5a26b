using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Inbound.Mapping;

namespace Integrations.Apps.Providers.Notion;

/// <summary>A connection's <c>database_id</c> is a Notion id and its <c>mapping</c> a sound inbound mapping (the same
/// rules as a webhook source's), checked before they are saved, each problem named <c>settings.mapping.fields[0].path</c>.</summary>
internal sealed class NotionSettingsCheck : IConnectionSettingsCheck
{
    public string AppId => NotionServices.AppId;

    public Dictionary<string, string[]> Check(JsonObject values)
    {
        var errors = new Dictionary<string, string[]>();
        if (values[NotionRecords.DatabaseSetting] is JsonValue id && NotionApi.Id(id.ToString()) is null)
        {
            errors[$"settings.{NotionRecords.DatabaseSetting}"] = ["Expected a Notion database id (32 hex digits, with or without dashes)."];
        }

        if (values[NotionRecords.MappingSetting] is { } mapping)
        {
            RecordMapping? read;
            try
            {
                read = mapping is JsonObject ? RecordMapping.FromJson(mapping.ToJsonString()) : null;
            }
            catch (JsonException e)
            {
                errors[$"settings.{NotionRecords.MappingSetting}"] = [e.Message];
                return errors;
            }

            foreach (var group in RecordMappings.Check(read, $"settings.{NotionRecords.MappingSetting}").GroupBy(e => e.Field))
            {
                errors[group.Key] = [.. group.Select(e => e.Message)];
            }
        }

        return errors;
    }
}
