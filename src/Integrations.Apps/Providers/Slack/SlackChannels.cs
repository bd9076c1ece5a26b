using System.Text.Json;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Providers.Slack;

/// <summary>The workspace's public, unarchived channels from <c>conversations.list</c>, followed through its cursor
/// (200 a page, at most <see cref="MaxPages"/> pages), by name. Read on each use: nothing is kept.</summary>
internal sealed class SlackChannels(AppApi api)
{
    public const int MaxPages = 10;

    public async Task<IReadOnlyList<ChannelChoice>> ListAsync(AppDefinition app, AppConnection connection, CancellationToken ct)
    {
        var channels = new List<ChannelChoice>();
        var cursor = "";
        for (var page = 0; page < MaxPages; page++)
        {
            var url = SlackMethods.Url(app, "conversations.list") + "?types=public_channel&exclude_archived=true&limit=200&cursor=" + Uri.EscapeDataString(cursor);
            using var answer = await api.SendAsync(connection, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
            var root = answer.RootElement;
            if (root.TryGetProperty("channels", out var listed) && listed.ValueKind == JsonValueKind.Array)
            {
                channels.AddRange(listed.EnumerateArray()
                    .Select(c => (Id: JsonPaths.Text(c, "$.id"), Name: JsonPaths.Text(c, "$.name")))
                    .Where(c => c.Id is not null)
                    .Select(c => new ChannelChoice(c.Id!, c.Name ?? c.Id!)));
            }

            cursor = JsonPaths.Text(root, "$.response_metadata.next_cursor") ?? "";
            if (cursor.Length == 0)
            {
                break;
            }
        }

        return [.. channels.DistinctBy(c => c.Id).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
