using System.Text.Json;

namespace Integrations.Apps.Syncs;

/// <summary>A sync's checkpoint kept as snake_case JSON; one that no longer reads (an older shape) reads as none, so
/// the sync starts over rather than stopping.</summary>
internal static class CheckpointJson
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static T? Read<T>(string? text) where T : class
    {
        try
        {
            return text is null ? null : JsonSerializer.Deserialize<T>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Write<T>(T checkpoint) => JsonSerializer.Serialize(checkpoint, Json);
}
