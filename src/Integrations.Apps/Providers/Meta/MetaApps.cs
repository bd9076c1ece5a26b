namespace Integrations.Apps.Providers.Meta;

/// <summary>The two apps on Meta's Graph API with Facebook Login, and what their connections keep in their settings.</summary>
internal static class MetaApps
{
    public const string FacebookPages = "facebook-pages";
    public const string Instagram = "instagram";

    /// <summary>The setting an admin changes: the id of the Page the connection posts to (or whose Instagram account).</summary>
    public const string Page = "page";

    /// <summary>The Pages the user granted, as the connection shows them (id, name, the linked Instagram account).</summary>
    public const string Pages = "pages";

    /// <summary>A Page's access token (Facebook Pages only), protected like the connection's tokens; hidden from views.</summary>
    public static string PageTokenKey(string pageId) => $"{PageTokenPrefix}{pageId}";

    public const string PageTokenPrefix = "_page_token_";
}
