using System.Text.Json;

namespace Integrations.Apps.Connect;

/// <summary>A provider's error in words for the admin, from the shapes providers answer with: OAuth's
/// <c>error</c> / <c>error_description</c>, Slack's <c>ok: false</c> + <c>error</c>, Google's and Graph's
/// <c>error: { code | status, message }</c>, Zoom's <c>{ code, message }</c>.</summary>
internal static class ProviderErrors
{
    public static string? Of(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object && !json.TryGetProperty("error", out _) && json.TryGetProperty("code", out var zoomCode)
            && zoomCode.ValueKind == JsonValueKind.Number && JsonPaths.Text(json, "$.message") is { } zoomMessage)
        {
            return $"{zoomCode.GetRawText()}: {zoomMessage}";
        }

        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("error", out var error))
        {
            return json.ValueKind == JsonValueKind.Object && json.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False
                ? "error"
                : null;
        }

        if (error.ValueKind == JsonValueKind.Object)
        {
            var code = JsonPaths.Text(error, "$.status") ?? JsonPaths.Text(error, "$.code") ?? "error";
            return JsonPaths.Text(error, "$.message") is { } message ? $"{code}: {message}" : code;
        }

        var text = error.ValueKind == JsonValueKind.String ? error.GetString() : error.ToString();
        return JsonPaths.Text(json, "$.error_description") is { } description ? $"{text}: {description}" : text;
    }

    /// <summary>An error answer shaped <c>{ title, message }</c> (Calendly's); read only from a failed answer, since a
    /// successful one may well have a title and a message of its own.</summary>
    public static string? Titled(JsonElement json) =>
        JsonPaths.Text(json, "$.title") is { } title ? JsonPaths.Text(json, "$.message") is { } message ? $"{title}: {message}" : title : null;

    public static string Describe(string provider, string step, string error) => $"{provider} refused the {step}: {Bounded(error)}. Nothing was connected.";

    public static string Bounded(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
