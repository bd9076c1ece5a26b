using System.Security.Cryptography;

namespace Integrations.Testing.Fakes.Graph;

/// <summary>Ids shaped like Exchange's: a fixed prefix then URL-safe base64, padded.</summary>
internal static class GraphIds
{
    public static string New(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(42)).Replace('+', '-').Replace('/', '_') + "=";

    /// <summary>An opaque state token for <c>$skiptoken</c> / <c>$deltatoken</c>.</summary>
    public static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
