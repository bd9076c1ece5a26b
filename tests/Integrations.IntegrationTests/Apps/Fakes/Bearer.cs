namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>An API call with an access token, as the app makes one to a provider.</summary>
public static class Bearer
{
    private static readonly HttpClient Http = new();

    public static async Task<HttpResponseMessage> GetAsync(string url, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new("Bearer", accessToken) } };
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
