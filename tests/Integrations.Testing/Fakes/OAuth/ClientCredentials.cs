using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The client id and secret of a token request: HTTP Basic (each part form-encoded, RFC 6749 §2.3.1), else the
/// form's <c>client_id</c> and <c>client_secret</c>. All three providers document both.</summary>
internal sealed record ClientCredentials(string? Id, string? Secret)
{
    public static ClientCredentials Read(HttpRequest request, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
            && Decode(header.Parameter) is { } pair
            && pair.IndexOf(':') is var colon and >= 0)
        {
            return new(WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
        }

        return new(form["client_id"], form["client_secret"]);
    }

    private static string? Decode(string? base64)
    {
        var bytes = new byte[base64?.Length ?? 0];
        return Convert.TryFromBase64String(base64 ?? "", bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }
}
