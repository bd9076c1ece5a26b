using System.Security.Cryptography;
using System.Text;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>A fake provider's memory and rules: clients, codes, grants and their tokens. One lock: a fake serves tests and
/// benchmarks on one machine, and a dictionary look-up under a lock is far below an HTTP round trip.</summary>
internal sealed class OAuthGrants(ProviderStyle style, FakeOAuthOptions options)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeOAuthClient> clients = [];
    private readonly Dictionary<string, IssuedCode> codes = [];
    private readonly Dictionary<string, (FakeGrant Grant, DateTimeOffset? ExpiresAt)> accessTokens = [];
    private readonly Dictionary<string, RefreshToken> refreshTokens = [];
    private readonly HashSet<(string ClientId, FakeAccount Account)> consents = [];
    private readonly List<FakeGrant> grants = [];

    public bool Rotates { get; } = style.RotatesRefreshTokens(options);

    private DateTimeOffset Now => options.Clock.GetUtcNow();

    private TokenShapes Shapes => style.Shapes(Rotates);

    public void Register(FakeOAuthClient client)
    {
        lock (gate)
        {
            clients[client.Id] = client;
        }
    }

    public FakeOAuthClient? Find(string? clientId)
    {
        lock (gate)
        {
            return clientId is null ? null : clients.GetValueOrDefault(clientId);
        }
    }

    public (FakeOAuthClient? Client, ClientRefusal Refusal) Authenticate(ClientCredentials credentials) => Find(credentials.Id) switch
    {
        null => (null, ClientRefusal.UnknownClient),
        _ when string.IsNullOrEmpty(credentials.Secret) => (null, ClientRefusal.MissingSecret),
        var client when !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(client.Secret), Encoding.UTF8.GetBytes(credentials.Secret))
            => (null, ClientRefusal.WrongSecret),
        var client => (client, ClientRefusal.None),
    };

    /// <summary>True the first time <paramref name="account"/> consents to <paramref name="client"/>.</summary>
    public bool RecordConsent(FakeOAuthClient client, FakeAccount account)
    {
        lock (gate)
        {
            return consents.Add((client.Id, account));
        }
    }

    public string IssueCode(AuthorizationRequest request, FakeAccount account, bool withRefreshToken)
    {
        var code = Shapes.Code + TokenShapes.Random();
        lock (gate)
        {
            codes[code] = new IssuedCode(request, account, Now + options.CodeLifetime, withRefreshToken);
        }

        return code;
    }

    public TokenOutcome Redeem(FakeOAuthClient client, string? code, string? redirectUri, string? verifier)
    {
        lock (gate)
        {
            if (code is null || !codes.TryGetValue(code, out var issued))
            {
                return TokenOutcome.Refused(GrantRefusal.UnknownCode);
            }

            var request = issued.Request;
            var refusal = issued switch
            {
                { Redeemed: true } => GrantRefusal.CodeAlreadyUsed,
                _ when Now >= issued.ExpiresAt => GrantRefusal.CodeExpired,
                _ when request.Client.Id != client.Id => GrantRefusal.CodeOfAnotherClient,
                _ when request.RedirectUriSent && request.RedirectUri != redirectUri => GrantRefusal.RedirectUriMismatch,
                _ => PkceRefusal(request, verifier),
            };
            if (refusal is { } refused)
            {
                return TokenOutcome.Refused(refused);
            }

            issued.Redeemed = true;
            return TokenOutcome.Issued(NewGrant(client, issued.Account, request.Scopes, issued.WithRefreshToken));
        }
    }

    public TokenOutcome Refresh(FakeOAuthClient client, string? presented)
    {
        lock (gate)
        {
            if (presented is null || !refreshTokens.TryGetValue(presented, out var token) || token.Grant.Client.Id != client.Id)
            {
                return TokenOutcome.Refused(GrantRefusal.UnknownRefreshToken);
            }

            if (token.Grant.Revoked || token.Retired)
            {
                return TokenOutcome.Refused(token.Grant.Revoked ? GrantRefusal.GrantRevoked : GrantRefusal.RefreshTokenReused);
            }

            token.Retired = Rotates;
            return TokenOutcome.Issued(Issue(token.Grant, withRefreshToken: Rotates));
        }
    }

    /// <summary>A grant made without the consent page, for tests and benchmarks that start from a connected account.</summary>
    public FakeTokens Grant(FakeOAuthClient client, FakeAccount account, IReadOnlyList<string> scopes, bool withRefreshToken)
    {
        lock (gate)
        {
            return NewGrant(client, account, scopes, withRefreshToken);
        }
    }

    /// <summary>Revokes the grant behind an access or a refresh token (Google: revoking either revokes both); false for a
    /// token that is unknown, expired or already revoked.</summary>
    public bool Revoke(string? token)
    {
        lock (gate)
        {
            var grant = token is null ? null
                : refreshTokens.TryGetValue(token, out var refresh) ? refresh.Grant
                : accessTokens.TryGetValue(token, out var access) && !(access.ExpiresAt <= Now) ? access.Grant
                : null;
            if (grant is null || grant.Revoked)
            {
                return false;
            }

            grant.Revoked = true;
            return true;
        }
    }

    public int RevokeGrantsOf(FakeAccount account)
    {
        lock (gate)
        {
            var live = grants.Where(g => g.Account == account && !g.Revoked).ToList();
            live.ForEach(g => g.Revoked = true);
            return live.Count;
        }
    }

    public (AccessTokenState State, FakeGrant? Grant) Check(string? accessToken)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return (AccessTokenState.Missing, null);
        }

        lock (gate)
        {
            return accessTokens.TryGetValue(accessToken, out var token) switch
            {
                false => (AccessTokenState.Unknown, null),
                _ when token.Grant.Revoked => (AccessTokenState.Revoked, token.Grant),
                _ when token.ExpiresAt <= Now => (AccessTokenState.Expired, token.Grant),
                _ => (AccessTokenState.Valid, token.Grant),
            };
        }
    }

    /// <summary>Slack's bot install has no PKCE; elsewhere a code asked with a challenge needs the matching verifier.</summary>
    private GrantRefusal? PkceRefusal(AuthorizationRequest request, string? verifier) => (request.CodeChallenge, verifier) switch
    {
        _ when !style.StandardAuthorizeRequest => null,
        (null, _) => null,
        (_, null) => GrantRefusal.MissingVerifier,
        var (challenge, given) => Pkce.Matches(challenge, request.CodeChallengeMethod, given) ? null : GrantRefusal.VerifierMismatch,
    };

    private FakeTokens NewGrant(FakeOAuthClient client, FakeAccount account, IReadOnlyList<string> scopes, bool withRefreshToken)
    {
        var grant = new FakeGrant(client, account, scopes);
        grants.Add(grant);
        return Issue(grant, withRefreshToken);
    }

    /// <summary>Meta's <c>fb_exchange_token</c>: a new access token of the same grant, for <paramref name="lifetime"/>, in
    /// exchange for a valid one the client was issued; null when the token is not one.</summary>
    public FakeTokens? Extend(FakeOAuthClient client, string? accessToken, TimeSpan lifetime)
    {
        lock (gate)
        {
            return accessToken is not null && accessTokens.TryGetValue(accessToken, out var token) && token.Grant.Client.Id == client.Id
                && !token.Grant.Revoked && !(token.ExpiresAt <= Now)
                ? Issue(token.Grant, withRefreshToken: false, lifetime)
                : null;
        }
    }

    /// <summary>When an access token expires (null: never, or unknown).</summary>
    public DateTimeOffset? ExpiresAt(string accessToken)
    {
        lock (gate)
        {
            return accessTokens.TryGetValue(accessToken, out var token) ? token.ExpiresAt : null;
        }
    }

    private FakeTokens Issue(FakeGrant grant, bool withRefreshToken, TimeSpan? lifetimeGiven = null)
    {
        var lifetime = lifetimeGiven ?? (style.AccessTokensExpire(Rotates) ? options.AccessTokenLifetime : (TimeSpan?)null);
        var accessToken = Shapes.AccessToken + TokenShapes.Random();
        accessTokens[accessToken] = (grant, Now + lifetime);
        var refreshToken = withRefreshToken ? Shapes.RefreshToken + TokenShapes.Random() : null;
        if (refreshToken is not null)
        {
            refreshTokens[refreshToken] = new RefreshToken(grant);
        }

        return new FakeTokens(grant, accessToken, refreshToken, lifetime);
    }

    private sealed class RefreshToken(FakeGrant grant)
    {
        public FakeGrant Grant { get; } = grant;

        public bool Retired { get; set; }
    }
}
