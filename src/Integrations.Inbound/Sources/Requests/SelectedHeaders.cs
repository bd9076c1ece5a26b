using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>The request headers kept with a request for its log: enough to see what arrived, never a credential.</summary>
internal static class SelectedHeaders
{
    private static readonly string[] Secretive = ["authorization", "cookie", "signature", "hmac", "key", "token", "secret", "password"];

    /// <param name="credentialHeader">The source's own signature or key header, whatever its name.</param>
    public static string Json(IHeaderDictionary headers, string? credentialHeader) => JsonSerializer.Serialize(headers
        .Where(h => !Secretive.Any(s => h.Key.Contains(s, StringComparison.OrdinalIgnoreCase))
                    && !string.Equals(h.Key, credentialHeader, StringComparison.OrdinalIgnoreCase))
        .Take(50)
        .ToDictionary(h => h.Key, h => Truncate(h.Value.ToString())));

    private static string Truncate(string value) => value.Length <= 500 ? value : value[..500];
}
