using System.Text.Json;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>Graph API errors: <c>{"error": {"message", "type", "code", "error_subcode", "error_data": {"details"}, "fbtrace_id"}}</c>.</summary>
internal static class GraphError
{
    /// <summary>Meta's "Re-engagement message": more than 24 hours since the customer last wrote.</summary>
    public const int OutsideWindow = 131047;

    public static int? Code(JsonElement json) =>
        Error(json) is { } error && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var value) ? value : null;

    public static string? Message(JsonElement json)
    {
        if (Error(json) is not { } error)
        {
            return null;
        }

        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        var details = error.TryGetProperty("error_data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        return details is null ? message : $"{message}: {details}";
    }

    private static JsonElement? Error(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object ? error : null;
}
