using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Integrations.Testing.Fakes.Graph;

/// <summary>Graph's <c>message</c> and <c>event</c> as its delta functions answer them: every property unless the
/// first request chose some with <c>$select</c> (<c>id</c> always), <c>internetMessageHeaders</c> only when chosen.</summary>
internal static partial class GraphJson
{
    public static JsonObject Message(FakeGraphMessage m, string folder, DateTimeOffset now)
    {
        var text = m.ContentType == "html" ? Tags().Replace(m.Body, " ") : m.Body;
        var domain = m.From.Address.Split('@')[^1];
        var message = new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.message",
            ["@odata.etag"] = $"W/\"{GraphIds.Token()}\"",
            ["id"] = m.Id,
            ["createdDateTime"] = Instant(now),
            ["lastModifiedDateTime"] = Instant(now),
            ["categories"] = new JsonArray(),
            ["receivedDateTime"] = Instant(m.ReceivedAt),
            ["sentDateTime"] = Instant(m.ReceivedAt.AddSeconds(-2)),
            ["hasAttachments"] = false,
            ["internetMessageId"] = $"<{GraphIds.Token()}@{domain}>",
            ["subject"] = m.Subject,
            ["bodyPreview"] = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) is var preview && preview.Length > 255 ? preview[..255] : preview,
            ["importance"] = "normal",
            ["parentFolderId"] = folder,
            ["conversationId"] = m.ConversationId,
            ["isRead"] = folder == FakeMailbox.SentItems,
            ["isDraft"] = false,
            ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={Uri.EscapeDataString(m.Id)}&exvsurl=1&viewmodel=ReadMessageItem",
            ["body"] = new JsonObject { ["contentType"] = m.ContentType, ["content"] = m.Body },
            ["sender"] = Recipient(m.From),
            ["from"] = Recipient(m.From),
            ["toRecipients"] = new JsonArray([.. m.To.Select(Recipient)]),
            ["ccRecipients"] = new JsonArray([.. m.Cc.Select(Recipient)]),
            ["bccRecipients"] = new JsonArray(),
            ["replyTo"] = new JsonArray(),
            ["flag"] = new JsonObject { ["flagStatus"] = "notFlagged" },
        };
        if (m.Headers.Count > 0)
        {
            message["internetMessageHeaders"] = new JsonArray([.. m.Headers.Select(h => new JsonObject { ["name"] = h.Key, ["value"] = h.Value })]);
        }

        return message;
    }

    public static JsonObject Event(FakeGraphEvent e, string account, DateTimeOffset now)
    {
        var organizer = string.Equals(e.Organizer.Address, account, StringComparison.OrdinalIgnoreCase);
        return new JsonObject
        {
            ["@odata.type"] = "#microsoft.graph.event",
            ["@odata.etag"] = $"W/\"{GraphIds.Token()}\"",
            ["id"] = e.Id,
            ["createdDateTime"] = Instant(now),
            ["lastModifiedDateTime"] = Instant(now),
            ["categories"] = new JsonArray(),
            ["originalStartTimeZone"] = "UTC",
            ["originalEndTimeZone"] = "UTC",
            ["iCalUId"] = "040000008200E00074C5B7101A82E008" + GraphIds.Token().ToUpperInvariant(),
            ["reminderMinutesBeforeStart"] = 15,
            ["isReminderOn"] = true,
            ["hasAttachments"] = false,
            ["subject"] = e.Subject,
            ["bodyPreview"] = Tags().Replace(e.Body, " ").Trim(),
            ["importance"] = "normal",
            ["sensitivity"] = "normal",
            ["isAllDay"] = false,
            ["isCancelled"] = false,
            ["isOrganizer"] = organizer,
            ["responseRequested"] = true,
            ["seriesMasterId"] = null,
            ["showAs"] = "busy",
            ["type"] = "singleInstance",
            ["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(e.Id)}&exvsurl=1&path=/calendar/item",
            ["isOnlineMeeting"] = false,
            ["responseStatus"] = new JsonObject { ["response"] = organizer ? "organizer" : "none", ["time"] = "0001-01-01T00:00:00Z" },
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = e.Body },
            ["start"] = Local(e.Start),
            ["end"] = Local(e.End),
            ["location"] = new JsonObject { ["displayName"] = "", ["locationType"] = "default", ["uniqueIdType"] = "unknown" },
            ["locations"] = new JsonArray(),
            ["recurrence"] = null,
            ["attendees"] = new JsonArray([.. e.Attendees.Select(a => new JsonObject
            {
                ["type"] = a.Type,
                ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
                ["emailAddress"] = Address(a.Who),
            })]),
            ["organizer"] = Recipient(e.Organizer),
        };
    }

    /// <summary>What a delta round shows of an item deleted since the last round.</summary>
    public static JsonObject Removed(string id, string collection) => new()
    {
        ["@odata.type"] = collection == FakeMailbox.Calendar ? "#microsoft.graph.event" : "#microsoft.graph.message",
        ["id"] = id,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    public static JsonObject Selected(JsonObject item, IReadOnlyList<string>? select)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in item)
        {
            var chosen = select is null
                ? name != "internetMessageHeaders"
                : name.StartsWith('@') || name == "id" || select.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (chosen)
            {
                copy[name] = value?.DeepClone();
            }
        }

        return copy;
    }

    public static JsonObject Recipient(FakeAddress address) => new() { ["emailAddress"] = Address(address) };

    /// <summary>Graph's <c>dateTimeTimeZone</c>, in UTC.</summary>
    public static JsonObject Local(DateTimeOffset at) => new()
    {
        ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };

    private static JsonObject Address(FakeAddress address) => new() { ["name"] = address.Name ?? address.Address, ["address"] = address.Address };

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
