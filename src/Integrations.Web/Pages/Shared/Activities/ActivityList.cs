using System.Text.Json.Nodes;

namespace Integrations.Web.Pages.Shared.Activities;

/// <summary>A page of activities as the timeline and the inbox show it, with its paging links and what to say when
/// there is nothing.</summary>
public sealed record ActivityList(IReadOnlyList<JsonObject> Activities, string? OlderUrl, string? NewestUrl, string Empty)
{
    /// <summary>A link the empty state offers (e.g. to the Apps page), or null.</summary>
    public (string Href, string Text)? EmptyLink { get; init; }
}
