using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Apps.Connect;

/// <summary>The random values of a consent round trip: the <c>state</c> (32 bytes, base64url; only its SHA-256 is
/// stored) and the PKCE code verifier with its S256 challenge (RFC 7636).</summary>
internal static class ConnectSecrets
{
    public static string NewState() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string NewVerifier() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
}
