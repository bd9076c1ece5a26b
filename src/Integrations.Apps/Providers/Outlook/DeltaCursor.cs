namespace Integrations.Apps.Providers.Outlook;

/// <summary>Where a Graph delta collection got to: the next page of the round under way, or the delta link the last
/// round ended with; <see cref="Synced"/> once a first round ended (from then on, new items fire triggers).</summary>
internal sealed record DeltaCursor(string? Next = null, string? Delta = null, bool Synced = false)
{
    /// <summary>The round starts again from nothing (Graph forgot the state token), remembering it had synced.</summary>
    public DeltaCursor Restarted() => this with { Next = null, Delta = null };

    /// <summary>After a page: its next link, or (the round over) its delta link.</summary>
    public DeltaCursor After(GraphDeltaPage page) =>
        page.NextLink is { } next ? this with { Next = next } : new DeltaCursor(null, page.DeltaLink, true);
}
