using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Testing.Fakes.OAuth;

/// <summary>
/// A local OAuth 2.0 provider on 127.0.0.1 (Kestrel, a random port) that answers the way Google, the Microsoft identity
/// platform or Slack documents: a consent page with Allow / Deny, single-use codes bound to PKCE, short-lived access
/// tokens, refresh tokens that rotate where the provider's do, revocation, and the provider's identity endpoint. Tests
/// register clients, pick the account the consent page grants, read counters and the request log, and inject faults.
/// </summary>
public sealed class FakeOAuthProvider : IAsyncDisposable
{
    private readonly HttpClient browser = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private WebApplication app = null!;

    private FakeOAuthProvider(FakeOAuthOptions options)
    {
        Options = options;
        Style = ProviderStyle.For(options);
        Grants = new OAuthGrants(Style, options);
    }

    public FakeOAuthOptions Options { get; }

    /// <summary>The account the consent page grants from now on; set another to connect a second account.</summary>
    public FakeAccount Account { get; set; } = new("ana@example.com");

    public FakeProviderCounters Counters { get; } = new();

    public ConcurrentQueue<FakeProviderRequest> Requests { get; } = [];

    public Uri BaseUrl { get; private set; } = null!;

    public string AuthorizeUrl => Url(Style.AuthorizePath);

    public string TokenUrl => Url(Style.TokenPath);

    /// <summary>Null for Microsoft, which has no token revocation endpoint.</summary>
    public string? RevokeUrl => Style.RevokePath is { } path ? Url(path) : null;

    /// <summary>Google's <c>/v1/userinfo</c>, Microsoft Graph's <c>/v1.0/me</c>, Slack's <c>auth.test</c>.</summary>
    public string IdentityUrl => Url(Style.IdentityPath);

    internal ProviderStyle Style { get; }

    internal OAuthGrants Grants { get; }

    internal FaultPlan Faults { get; } = new();

    public static Task<FakeOAuthProvider> StartAsync(OAuthStyle style, TimeProvider? clock = null) =>
        StartAsync(new FakeOAuthOptions(style) { Clock = clock ?? TimeProvider.System });

    public static async Task<FakeOAuthProvider> StartAsync(FakeOAuthOptions options)
    {
        var provider = new FakeOAuthProvider(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(provider);
        var app = provider.app = builder.Build();
        app.UseRouting();
        app.Use(new RequestLog(provider).InvokeAsync);
        app.MapConsent(provider.Style);
        app.MapToken(provider.Style);
        provider.Style.MapAccountEndpoints(app);
        options.Apis?.Invoke(app);
        await app.StartAsync();
        provider.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return provider;
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this provider (an app API's base URL, say).</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();

    /// <summary>Registers a client with an id and secret shaped like the provider's, for these exact redirect URIs.</summary>
    public FakeOAuthClient RegisterClient(params string[] redirectUris) => RegisterClient(Style.NewClient(redirectUris));

    public FakeOAuthClient RegisterClient(FakeOAuthClient client)
    {
        Grants.Register(client);
        return client;
    }

    /// <summary>Tokens for <paramref name="account"/> as if it had consented, without the consent page: for tests and
    /// benchmarks that start from a connected account. A refresh token is issued wherever the provider could issue one.</summary>
    public FakeTokens IssueTokens(FakeOAuthClient client, FakeAccount account, params string[] scopes) =>
        Grants.Grant(client, account, scopes, withRefreshToken: Style.GrantsRefreshTokens(Options, Grants.Rotates));

    /// <summary>What a request with this access token would get from an API endpoint.</summary>
    public AccessTokenState CheckAccessToken(string accessToken) => Grants.Check(accessToken).State;

    public bool IsValidAccessToken(string accessToken) => CheckAccessToken(accessToken) == AccessTokenState.Valid;

    /// <summary>Revokes every grant of <paramref name="account"/> (the user removed the app, or changed their password):
    /// its access tokens stop working and its next refresh is refused. Returns how many grants were live.</summary>
    public int RevokeGrantsOf(FakeAccount account) => Grants.RevokeGrantsOf(account);

    /// <summary>Disturbs the next <paramref name="times"/> requests to a path (or below it), given as a path or as one of
    /// this provider's URLs, e.g. <c>InjectFault(fake.TokenUrl, FakeFault.TooManyRequests(TimeSpan.FromSeconds(7)))</c>.</summary>
    public void InjectFault(string urlOrPath, FakeFault fault, int times = 1) =>
        Faults.Add(Uri.TryCreate(urlOrPath, UriKind.Absolute, out var url) ? url.AbsolutePath : urlOrPath, fault, times);

    /// <summary>What a user does in a browser at <paramref name="authorizeUrl"/>: opens the consent page, clicks Allow or
    /// Deny, and is sent to this redirect (the client's callback with <c>code</c> or <c>error</c>, and <c>state</c>).</summary>
    public async Task<Uri> ConsentAsync(string authorizeUrl, bool allow = true, CancellationToken cancellationToken = default)
    {
        using var page = await browser.GetAsync(authorizeUrl, cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The consent page answered {(int)page.StatusCode}: {await page.Content.ReadAsStringAsync(cancellationToken)}");
        }

        using var decision = new FormUrlEncodedContent([new("decision", allow ? "allow" : "deny")]);
        using var answer = await browser.PostAsync(authorizeUrl, decision, cancellationToken);
        return answer.Headers.Location ?? throw new InvalidOperationException($"The consent page answered {(int)answer.StatusCode} without a redirect.");
    }

    public async ValueTask DisposeAsync()
    {
        browser.Dispose();
        await app.DisposeAsync();
    }
}
