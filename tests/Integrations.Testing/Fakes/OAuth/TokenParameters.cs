using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>A token request's parameters: its form (RFC 6749), or its JSON body's top-level strings (Notion's
/// <c>/v1/oauth/token</c>), buffered so the request log and the endpoint both read them.</summary>
internal static class TokenParameters
{
    public static async Task<IFormCollection?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            return await request.ReadFormAsync(ct);
        }

        if (!request.HasJsonContentType())
        {
            return null;
        }

        request.EnableBuffering();
        var values = new Dictionary<string, StringValues>();
        try
        {
            using var json = await JsonDocument.ParseAsync(request.Body, default, ct);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                {
                    values[property.Name] = property.Value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // An unreadable body has no parameters: the endpoint answers it as a request without them.
        }

        request.Body.Position = 0;
        return new FormCollection(values);
    }
}
