namespace Integrations.Testing.Fakes.OAuth;

/// <summary>What one consent granted: a client, an account and scopes. Its tokens die with it when it is revoked.</summary>
public sealed class FakeGrant(FakeOAuthClient client, FakeAccount account, IReadOnlyList<string> scopes)
{
    public FakeOAuthClient Client { get; } = client;

    public FakeAccount Account { get; } = account;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public bool Revoked { get; internal set; }

    public bool Allows(string scope) => Scopes.Contains(scope, StringComparer.OrdinalIgnoreCase);
}
