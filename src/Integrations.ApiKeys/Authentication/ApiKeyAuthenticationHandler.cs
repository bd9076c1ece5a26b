using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// <c>Authorization: Bearer sk_…</c>. Only the hash is ever looked up or compared; a refusal says which of
/// missing, malformed, unknown, expired or revoked it was, as a ProblemDetails and in <c>WWW-Authenticate</c>.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyLookup keys,
    LegacyKeys legacy,
    LastUseRecorder lastUse,
    IProblemDetailsService problems,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";

    private KeyProblem problem = KeyProblem.Missing;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrEmpty(header[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var value = header.Count == 1 ? header[0].AsSpan() : default;
        if (!value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || !KeyFormat.IsWellFormed(value[Bearer.Length..].Trim()))
        {
            return Refuse(KeyProblem.Malformed);
        }

        var token = value[Bearer.Length..].Trim();
        var hash = KeyFormat.Hash(token);
        // A mistyped or cut-short key fails its checksum: malformed, without a lookup (unless it is an older key).
        if (!KeyFormat.HasValidChecksum(token) && !await legacy.MayBeAsync(hash))
        {
            return Refuse(KeyProblem.Malformed);
        }

        var key = await keys.FindAsync(hash, Context.RequestAborted);
        if (key is null || !CryptographicOperations.FixedTimeEquals(key.Hash, hash))
        {
            return Refuse(KeyProblem.Unknown);
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return Refuse(KeyProblem.Revoked);
        }

        if (key.ExpiresAt <= now)
        {
            return Refuse(KeyProblem.Expired);
        }

        lastUse.Record(key.Id, now);
        Context.Features.Set(key);
        var identity = new ClaimsIdentity(key.Claims, Scheme.Name, CallerClaims.ActorName, roleType: null);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync();
        // RFC 6750 §3.1: a request without credentials gets no error code.
        Response.Headers.WWWAuthenticate = problem == KeyProblem.Missing
            ? "Bearer realm=\"sentinel\""
            : $"Bearer realm=\"sentinel\", error=\"invalid_token\", error_description=\"{problem.Describe()}\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized", problem.Describe(), problem.Code());
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key may not make this request.", "forbidden");

    private AuthenticateResult Refuse(KeyProblem reason)
    {
        problem = reason;
        return AuthenticateResult.Fail(reason.Describe());
    }

    private async Task WriteProblemAsync(int status, string title, string detail, string code)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = title,
                Detail = detail,
                Extensions = { ["error"] = code },
            },
        });
    }
}
