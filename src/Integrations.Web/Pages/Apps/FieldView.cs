using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;

namespace Integrations.Web.Pages.Apps;

/// <summary>One catalogue field as an input of the app page: its form name, what it shows (the chosen ids of a channel
/// list), its error, and for a secret whether one is stored.</summary>
public sealed record FieldView(ActionField Field, string Name, string Value, IReadOnlyList<string> Chosen, string? Error, ChannelList? Channels, bool SecretSet)
{
    /// <summary>An id unique on the page, so the label's <c>for</c> finds it.</summary>
    public required string Id { get; init; }

    public bool Wide => Field.Type is "long_text" or "json";
}
