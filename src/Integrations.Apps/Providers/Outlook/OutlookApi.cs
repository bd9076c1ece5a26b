using Integrations.Apps.Catalogue;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>Graph's URLs under the app's <c>api</c> URL (<c>https://graph.microsoft.com</c>, or a national cloud's).</summary>
internal static class OutlookApi
{
    public static string Base(AppDefinition app) => app.Urls["api"].TrimEnd('/');

    public static string Url(AppDefinition app, string pathAndQuery) => Base(app) + pathAndQuery;
}
