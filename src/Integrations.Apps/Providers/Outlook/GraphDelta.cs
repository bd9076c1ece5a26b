using System.Text.Json;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>
/// Reads one page of a Graph delta round (<c>@odata.nextLink</c> while the round goes on, <c>@odata.deltaLink</c> at its
/// end). Graph forgets state tokens when its cache drops them: a 410 Gone, or a <c>SyncStateNotFound</c> /
/// <c>resyncRequired</c> error, answers null, which means "start the round again". A link is followed only on the API's
/// own host, so a token is never sent anywhere else.
/// </summary>
internal sealed class GraphDelta(AppApi api)
{
    /// <summary>Graph's default is 10 messages a page; it may answer fewer than asked.</summary>
    public const int PageSize = 50;

    public async Task<GraphDeltaPage?> ReadAsync(AppDefinition app, AppConnection connection, string url, bool utcTimes, CancellationToken ct)
    {
        if (!SameHost(url, OutlookApi.Base(app)))
        {
            throw new ProviderException("Graph answered a delta link to another host; the link was not followed", 0);
        }

        JsonDocument json;
        try
        {
            json = await api.SendAsync(connection, () => Request(url, utcTimes), ct);
        }
        catch (ProviderException e) when (e is not ProviderThrottledException && Expired(e))
        {
            return null;
        }

        using (json)
        {
            var root = json.RootElement;
            var next = Text(root, "@odata.nextLink");
            var delta = Text(root, "@odata.deltaLink");
            if (next is null && delta is null)
            {
                throw new ProviderException("Graph answered a delta page without a next or delta link", 200);
            }

            var items = root.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(i => i.Clone()).ToList()
                : [];
            return new GraphDeltaPage(items, next, delta);
        }
    }

    private static HttpRequestMessage Request(string url, bool utcTimes)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Prefer", $"odata.maxpagesize={PageSize}");
        if (utcTimes)
        {
            request.Headers.TryAddWithoutValidation("Prefer", "outlook.timezone=\"UTC\"");
        }

        return request;
    }

    private static bool Expired(ProviderException e) =>
        e.Status == 410
        || e.Message.StartsWith("SyncStateNotFound", StringComparison.OrdinalIgnoreCase)
        || e.Message.StartsWith("resyncRequired", StringComparison.OrdinalIgnoreCase);

    private static bool SameHost(string url, string apiBase) =>
        Uri.TryCreate(url, UriKind.Absolute, out var link) && Uri.TryCreate(apiBase, UriKind.Absolute, out var own)
        && link.Scheme == own.Scheme && string.Equals(link.Authority, own.Authority, StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A delta page's items (changed ones, and <c>@removed</c> ones) and the link to go on with.</summary>
internal sealed record GraphDeltaPage(IReadOnlyList<JsonElement> Items, string? NextLink, string? DeltaLink);
