using System.Globalization;
using System.Text.Json;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>A meeting as Zoom's API and webhooks describe it (a list entry, a created meeting, a webhook's <c>object</c>).
/// Its numeric <see cref="Id"/> is the activity's external id: the sync, the action and both webhooks all carry it,
/// while an instance's <see cref="Uuid"/> is only what the past-participants call takes.</summary>
internal sealed record ZoomMeeting(string Id, string? Uuid, string? Topic, DateTimeOffset? Start, int? Duration, string? JoinUrl, string? HostId)
{
    public static ZoomMeeting? Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || IdOf(json) is not { Length: > 0 } id)
        {
            return null;
        }

        return new ZoomMeeting(id, Text(json, "uuid"), Text(json, "topic"), Time(json, "start_time"),
            json.TryGetProperty("duration", out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var minutes) ? minutes : null,
            Text(json, "join_url"), Text(json, "host_id"));
    }

    /// <summary>Zoom's ids are numbers in its API and strings in some webhooks; both read as the digits.</summary>
    private static string? IdOf(JsonElement json) =>
        !json.TryGetProperty("id", out var id) ? null
        : id.ValueKind == JsonValueKind.Number ? id.GetRawText()
        : id.ValueKind == JsonValueKind.String ? id.GetString()
        : null;

    internal static DateTimeOffset? Time(JsonElement json, string name) =>
        Text(json, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    internal static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text ? text : null;
}
