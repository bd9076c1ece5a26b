using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>
/// Where the messages sync got to: in the <c>backfill</c> phase, the window's start and the next <c>messages.list</c>
/// page; in the <c>history</c> phase, the history id to continue from (and the next page of it). The mailbox's history id
/// is taken before the backfill starts, so whatever arrives during it is read from the history afterwards. <c>resync</c>
/// marks a backfill that reads the window again after Gmail dropped the history: what it finds new is announced.
/// </summary>
internal sealed record GmailCheckpoint(
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("history_id")] string HistoryId,
    [property: JsonPropertyName("after")] long? After = null,
    [property: JsonPropertyName("page_token")] string? PageToken = null,
    [property: JsonPropertyName("resync")] bool Resync = false)
{
    public const string Backfill = "backfill";
    public const string History = "history";

    public static GmailCheckpoint? Read(string? checkpoint)
    {
        try
        {
            return checkpoint is null ? null
                : JsonSerializer.Deserialize<GmailCheckpoint>(checkpoint) is { Phase: Backfill or History, HistoryId: not null } read ? read : null;
        }
        catch (JsonException)
        {
            // Unreadable (an older shape): start over; writes are idempotent.
            return null;
        }
    }

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public override string ToString() => JsonSerializer.Serialize(this, Options);
}
