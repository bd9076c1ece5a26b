using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Platform.Events;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>
/// What an Events API callback means for one connection: <c>slack.message_posted</c> for a person's new message in a
/// channel of the connection's <c>channels</c> setting, <c>slack.reaction_added</c> for a reaction to a message in any
/// channel, nothing for the rest.
/// </summary>
internal static class SlackTriggers
{
    public static EventRecord? For(AppConnection connection, JsonElement callback) =>
        callback.TryGetProperty("event", out var e) && e.ValueKind == JsonValueKind.Object
            ? Text(e, "type") switch
            {
                "message" => Message(connection, e),
                "reaction_added" => Reaction(connection, e),
                _ => null,
            }
            : null;

    private static EventRecord? Message(AppConnection connection, JsonElement message)
    {
        // Any subtype is not a person's new message (bot_message, message_changed, message_deleted, channel_join…); a bot_id
        // marks a bot's message, ours among them, which would otherwise trigger the very workflow that posted it.
        if (message.TryGetProperty("subtype", out _) || message.TryGetProperty("bot_id", out _)
            || Text(message, "channel") is not { } channel || Text(message, "user") is not { } user || Text(message, "ts") is not { } ts
            || !Channels(connection).Contains(channel))
        {
            return null;
        }

        var data = Head(connection);
        data["channel"] = channel;
        data["user"] = user;
        data["text"] = Text(message, "text") ?? "";
        data["ts"] = ts;
        return new EventRecord(EventCatalog.SlackMessagePosted, data.ToJsonString());
    }

    private static EventRecord? Reaction(AppConnection connection, JsonElement reaction)
    {
        if (!reaction.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object || Text(item, "type") != "message"
            || Text(item, "channel") is not { } channel || Text(item, "ts") is not { } ts
            || Text(reaction, "user") is not { } user || Text(reaction, "reaction") is not { } name)
        {
            return null;
        }

        var data = Head(connection);
        data["channel"] = channel;
        data["user"] = user;
        data["reaction"] = name;
        data["item_ts"] = ts;
        return new EventRecord(EventCatalog.SlackReactionAdded, data.ToJsonString());
    }

    private static JsonObject Head(AppConnection connection) => new()
    {
        ["connection_id"] = PublicId.Format(IdPrefixes.AppConnection, connection.Id),
        ["app"] = connection.AppId,
        ["account"] = connection.Account,
    };

    /// <summary>The channel ids of the connection's <c>channels</c> setting; none when it is unset or not a list.</summary>
    private static HashSet<string> Channels(AppConnection connection)
    {
        using var settings = JsonDocument.Parse(connection.Settings);
        return settings.RootElement.ValueKind == JsonValueKind.Object
               && settings.RootElement.TryGetProperty("channels", out var channels) && channels.ValueKind == JsonValueKind.Array
            ? channels.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToHashSet(StringComparer.Ordinal)
            : [];
    }

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
