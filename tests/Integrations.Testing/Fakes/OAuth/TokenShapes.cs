using System.Buffers.Text;
using System.Security.Cryptography;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>How a provider's codes and tokens look (their prefixes), so a log or a database holds recognisable values.</summary>
internal sealed record TokenShapes(string Code, string AccessToken, string RefreshToken)
{
    public static string Random(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    public static string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => RandomNumberGenerator.GetInt32(10)));
}
