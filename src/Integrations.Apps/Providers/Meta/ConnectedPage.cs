using System.Text.Json.Nodes;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Providers.Meta;

/// <summary>A Facebook Page the user granted the connection, with the Instagram professional account linked to it, if any.</summary>
internal sealed record ConnectedPage(string Id, string Name, string? InstagramAccountId, string? InstagramUsername)
{
    public JsonObject ToJson() => new()
    {
        ["id"] = Id, ["name"] = Name, ["instagram_account_id"] = InstagramAccountId, ["instagram_username"] = InstagramUsername,
    };

    /// <summary>The Pages kept in the connection's settings at connect.</summary>
    public static IReadOnlyList<ConnectedPage> Of(AppConnection connection) =>
        (JsonNode.Parse(connection.Settings) as JsonObject)?[MetaApps.Pages] is JsonArray pages
            ? [.. pages.OfType<JsonObject>().Select(p => new ConnectedPage((string)p["id"]!, (string?)p["name"] ?? "",
                (string?)p["instagram_account_id"], (string?)p["instagram_username"]))]
            : [];

    /// <summary>The Page the connection's <c>page</c> setting names; a missing or unknown one is the admin's to set.</summary>
    public static ConnectedPage Chosen(AppConnection connection, ConnectionSettings settings)
    {
        var pages = Of(connection);
        var choices = pages.Count == 0
            ? "the connection has no Pages: connect again and choose at least one Page on Meta's consent screen"
            : "choose one of " + string.Join(", ", pages.Select(p => $"{p.Id} ({p.Name})"));
        return settings.Text(MetaApps.Page) is not { } id
            ? throw new SettingMissingException(MetaApps.Page, $"Set the connection's Page: {choices}.")
            : pages.FirstOrDefault(p => p.Id == id)
                ?? throw new SettingMissingException(MetaApps.Page, $"The Page {id} is not one the user granted: {choices}.");
    }
}
