using System.Text.Json.Nodes;
using Integrations.Apps.Security;

namespace Integrations.Apps.Connections;

/// <summary>A connection's settings (what its app declares in <c>settings</c>) read by name; a <c>secret</c> setting
/// is decrypted on reading.</summary>
internal sealed class ConnectionSettings(JsonObject values, AppSecrets secrets)
{
    public static ConnectionSettings Of(AppConnection connection, AppSecrets secrets) =>
        new(JsonNode.Parse(connection.Settings) as JsonObject ?? [], secrets);

    public bool Flag(string name) => values[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    public int? Number(string name) => values[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    public string? Text(string name) => values[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;

    public IReadOnlyList<string> List(string name) =>
        values[name] is JsonArray items ? [.. items.OfType<JsonValue>().Select(i => i.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];

    /// <summary>Null when not set, or when it can no longer be decrypted.</summary>
    public string? Secret(string name) => secrets.TryUnprotect(Text(name));
}
