using System.Security.Claims;
using System.Text.Encodings.Web;
using Integrations.Platform.Callers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Benchmarks;

/// <summary>
/// The benchmark baseline's stand-in for the API key handler: every request is the same, already-known caller
/// with the <c>admin</c> scope, so no key is parsed, hashed or looked up and the rate limiter has no key to count.
/// It exists only in this benchmark host; the product has no way to turn authentication off.
/// </summary>
internal sealed class FixedPrincipalHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, BaselineCaller baseline)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(baseline.Principal, Scheme.Name)));
}

internal sealed class BaselineCaller
{
    public ClaimsPrincipal Principal { get; private set; } = new();

    public void ActIn(Guid workspaceId) => Principal = new ClaimsPrincipal(new ClaimsIdentity(
    [
        new Claim(CallerClaims.WorkspaceId, workspaceId.ToString()),
        new Claim(CallerClaims.ActorType, nameof(ActorType.ApiKey)),
        new Claim(CallerClaims.ActorId, "key_baseline"),
        new Claim(CallerClaims.ActorName, "baseline"),
        new Claim(CallerClaims.Scope, "admin"),
    ], "Baseline"));
}
