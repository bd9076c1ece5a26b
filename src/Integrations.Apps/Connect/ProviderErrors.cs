using System.Text.Json;

namespace Integrations.Apps.Connect;

/// <summary>A provider's error in words for the admin, from the shapes providers answer with: OAuth's
/// <c>error</c> / <c>error_description</c>, Slack's <c>ok: false</c> + <c>error</c>, Google's and Graph's
/// <c>error: { code | status, message }</c>, Zoom's <c>{ code, message }</c>, LinkedIn's <c>{ message, status }</c>.</summary>
internal static class ProviderErrors
{
    public static string? Of(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object && !json.TryGetProperty("error", out _) && json.TryGetProperty("code", out var zoomCode)
            && zoomCode.ValueKind == JsonValueKind.Number && JsonPaths.Text(json, "$.message") is { } zoomMessage)
        {
            return $"{zoomCode.GetRawText()}: {zoomMessage}";
        }

        if (LinkedIn(json) is { } linkedIn)
        {
            return linkedIn;
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

    /// <summary>LinkedIn's REST errors: <c>{message, serviceErrorCode, status}</c>, with <c>code</c> (<c>ACCESS_DENIED</c>) or
    /// <c>errorDetails.inputErrors[].code</c> (<c>DUPLICATE_POST</c>) on some.</summary>
    private static string? LinkedIn(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || json.TryGetProperty("error", out _)
            || !json.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out var code) || code < 400
            || JsonPaths.Text(json, "$.message") is not { } message)
        {
            return null;
        }

        var name = JsonPaths.Text(json, "$.code") ?? InputErrorCode(json) ?? code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{name}: {message}";
    }

    private static string? InputErrorCode(JsonElement json) =>
        json.TryGetProperty("errorDetails", out var details) && details.ValueKind == JsonValueKind.Object
        && details.TryGetProperty("inputErrors", out var inputs) && inputs.ValueKind == JsonValueKind.Array && inputs.GetArrayLength() > 0
            ? JsonPaths.Text(inputs[0], "$.code")
            : null;
}
