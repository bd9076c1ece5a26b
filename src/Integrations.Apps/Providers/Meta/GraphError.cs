using System.Text.Json;

namespace Integrations.Apps.Providers.Meta;

/// <summary>Graph API errors (WhatsApp, Pages, Instagram): <c>{"error": {"message", "type", "code", "error_subcode",
/// "error_data": {"details"}, "fbtrace_id"}}</c>.</summary>
internal static class GraphError
{
    /// <summary>Meta's "Re-engagement message": more than 24 hours since the customer last wrote.</summary>
    public const int OutsideWindow = 131047;

    /// <summary>The access token is expired, or its user changed their password or removed the app: connect again.</summary>
    public const int TokenRefused = 190;

    /// <summary>Throttling codes: the app's (4), the user's (17), the page's (32), the page's business use case (80001),
    /// and "calls to this API have exceeded the rate limit" (613). Meta answers them with HTTP 400 or 403, never 429.</summary>
    public static bool IsThrottling(int code) => code is 4 or 17 or 32 or 613 or 80001;

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
