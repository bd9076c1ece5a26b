using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>A PKCE verifier and its S256 challenge, as a client makes them (RFC 7636).</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce New()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new(verifier, Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}
