using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>The account a fake provider's consent page grants: a mailbox for Google and Microsoft, a workspace (team)
/// for Slack. Its provider ids derive from the email, so the same account always has the same ids.</summary>
public sealed record FakeAccount(string Email, string Name = "Ana Lima", string TeamId = "T0SENTINEL", string TeamName = "Sentinel Test")
{
    /// <summary>Google's <c>sub</c>: a 21-digit number.</summary>
    public string Subject => (new BigInteger(Hash.AsSpan(0, 9), isUnsigned: true) % BigInteger.Pow(10, 20) + BigInteger.Pow(10, 20)).ToString();

    /// <summary>Microsoft's object id (Graph <c>/me</c> <c>id</c>).</summary>
    public Guid ObjectId => new(Hash.AsSpan(0, 16));

    /// <summary>Slack's id of the user who installed the app.</summary>
    public string SlackUserId => "U" + Convert.ToHexString(Hash.AsSpan(0, 5));

    /// <summary>LinkedIn's member id (userinfo <c>sub</c>, the <c>urn:li:person:{id}</c> of posts): ten letters and digits.</summary>
    public string LinkedInId => Convert.ToBase64String(Hash.AsSpan(0, 12)).Replace("+", "x").Replace("/", "y")[..10];

    /// <summary>Meta's app-scoped user id (<c>/me</c> <c>id</c>): 17 digits.</summary>
    public string FacebookId => "10" + (new BigInteger(Hash.AsSpan(12, 8), isUnsigned: true) % BigInteger.Pow(10, 15)).ToString().PadLeft(15, '0');

    private byte[] Hash => SHA256.HashData(Encoding.UTF8.GetBytes(Email));
}
