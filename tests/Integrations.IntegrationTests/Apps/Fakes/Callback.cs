using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>What a provider's redirect brought back to the client's callback.</summary>
public static class Callback
{
    public static IReadOnlyDictionary<string, string> Parameters(Uri redirect) =>
        QueryHelpers.ParseQuery(redirect.Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    public static string Without(Uri redirect) => redirect.GetLeftPart(UriPartial.Path);
}
