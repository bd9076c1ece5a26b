using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>The mail sync's checkpoint: the folder being read (the inbox, then the sent items) and each folder's
/// cursor, as JSON in <c>app_syncs.checkpoint</c>.</summary>
internal sealed record MailCheckpoint
{
    public const string Inbox = "inbox";
    public const string SentItems = "sentitems";

    public string Folder { get; init; } = Inbox;

    [JsonPropertyName("inbox")]
    public DeltaCursor InboxCursor { get; init; } = new();

    [JsonPropertyName("sentitems")]
    public DeltaCursor SentItemsCursor { get; init; } = new();

    public DeltaCursor Of(string folder) => folder == SentItems ? SentItemsCursor : InboxCursor;

    public MailCheckpoint With(string folder, DeltaCursor cursor) =>
        folder == SentItems ? this with { SentItemsCursor = cursor } : this with { InboxCursor = cursor };

    public static MailCheckpoint Read(string? checkpoint) =>
        checkpoint is null ? new() : JsonSerializer.Deserialize<MailCheckpoint>(checkpoint, CheckpointJson.Options) ?? new();

    public string Write() => JsonSerializer.Serialize(this, CheckpointJson.Options);
}
