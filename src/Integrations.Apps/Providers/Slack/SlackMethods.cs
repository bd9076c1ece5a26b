using Integrations.Apps.Catalogue;

namespace Integrations.Apps.Providers.Slack;

/// <summary>Slack's Web API methods live under the app's <c>api</c> URL: <c>{api}/chat.postMessage</c>.</summary>
internal static class SlackMethods
{
    public static string Url(AppDefinition app, string method) => $"{app.Urls["api"].TrimEnd('/')}/{method}";
}
