using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// Where the database sync got to: pages edited at or after <see cref="Since"/> are read (the ones at exactly that time
/// already written are listed, since Notion keeps <c>last_edited_time</c> to the minute), the next page of the current
/// listing by <see cref="Cursor"/>, and the latest edit seen in it (with its pages), where the next listing starts. Kept for one <see cref="DatabaseId"/>.
/// </summary>
internal sealed record NotionCheckpoint(
    string DatabaseId, DateTimeOffset? Since, IReadOnlyList<string> SeenAtSince, string? Cursor, DateTimeOffset? Latest, IReadOnlyList<string> SeenAtLatest)
{
    /// <summary>A full read of <paramref name="databaseId"/>; a checkpoint of another database (the setting changed) starts over.</summary>
    public static NotionCheckpoint Of(string? text, string databaseId) =>
        CheckpointJson.Read<NotionCheckpoint>(text) is { } read && read.DatabaseId == databaseId ? read : new(databaseId, null, [], null, null, []);

    public override string ToString() => CheckpointJson.Write(this);

    public bool Seen(NotionPage page) => page.LastEditedTime == Since && SeenAtSince.Contains(page.Id);

    /// <summary>This checkpoint with <paramref name="pages"/> (in edit order) seen.</summary>
    public NotionCheckpoint After(IEnumerable<NotionPage> pages)
    {
        var (latest, seen) = (Latest, SeenAtLatest.ToList());
        foreach (var page in pages)
        {
            if (latest is null || page.LastEditedTime > latest)
            {
                (latest, seen) = (page.LastEditedTime, [page.Id]);
            }
            else if (page.LastEditedTime == latest && !seen.Contains(page.Id))
            {
                seen.Add(page.Id);
            }
        }

        return this with { Latest = latest, SeenAtLatest = seen };
    }

    /// <summary>The listing ended: the next one starts at its latest edit.</summary>
    public NotionCheckpoint Ended() => Latest is null
        ? this with { Cursor = null }
        : new NotionCheckpoint(DatabaseId, Latest, Latest == Since ? [.. SeenAtSince.Union(SeenAtLatest)] : SeenAtLatest, null, null, []);
}
