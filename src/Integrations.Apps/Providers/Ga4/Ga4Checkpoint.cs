using System.Text.Json;

namespace Integrations.Apps.Providers.Ga4;

/// <summary>Where the daily report got to: the property it reads, the last complete date stored (<see cref="Through"/>),
/// and while a window of dates is being read, the window and the next row offset.</summary>
internal sealed record Ga4Checkpoint(string Property, DateOnly? Through, DateOnly? From = null, DateOnly? To = null, long Offset = 0)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Ga4Checkpoint? Parse(string? text)
    {
        try
        {
            return text is null ? null : JsonSerializer.Deserialize<Ga4Checkpoint>(text, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => JsonSerializer.Serialize(this, Json);
}
