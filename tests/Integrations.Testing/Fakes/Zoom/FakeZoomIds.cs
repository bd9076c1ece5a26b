using System.Security.Cryptography;
using System.Text;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.Testing.Fakes.Zoom;

/// <summary>A fake account's Zoom ids, derived from its email so they stay the same.</summary>
public static class FakeZoomIds
{
    /// <summary>The Zoom account a user belongs to: one per email domain, as a company's Zoom account.</summary>
    public static string AccountId(FakeAccount account) => "acc" + Hex(account.Email.Split('@')[^1])[..19];

    /// <summary>The user's Zoom id (<c>/users/me</c> <c>id</c>, a meeting's <c>host_id</c>).</summary>
    public static string UserId(FakeAccount account) => "u" + Hex(account.Email)[..21];

    private static string Hex(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
