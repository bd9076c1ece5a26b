using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>RFC 7636's check of a <c>code_verifier</c> against the challenge the authorize request carried.</summary>
internal static class Pkce
{
    public static bool Matches(string challenge, string? method, string verifier) => method switch
    {
        "S256" => CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))),
            Encoding.ASCII.GetBytes(challenge)),
        null or "plain" => verifier == challenge,
        _ => false,
    };
}
