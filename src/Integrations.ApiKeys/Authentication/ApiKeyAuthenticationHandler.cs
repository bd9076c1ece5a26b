using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// <c>Authorization: Bearer sk_…</c>. Only the hash is ever looked up or compared; a refusal says which of
/// missing, malformed, unknown, expired or revoked it was, as a ProblemDetails and in <c>WWW-Authenticate</c>. A key
/// refused for any reason but missing counts against the client's address; an address with too many is answered 429
/// for any key the key cache does not hold, before it is looked up (<see cref="RefusalLimiter"/>).
/// </summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KeyLookup keys,
    LegacyKeys legacy,
    LastUseRecorder lastUse,
    IProblemDetailsService problems,
    RefusalLimiter refusals,
    RefusalWarnings warnings,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer ";
    private const string Subject = "API keys";

    private KeyProblem problem = KeyProblem.Missing;
    private int? retryAfter;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0 || string.IsNullOrEmpty(header[0]))
        {
            return AuthenticateResult.NoResult();
        }

        var value = header.Count == 1 ? header[0].AsSpan() : default;
        var token = value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? value[Bearer.Length..].Trim() : default;
        var hash = KeyFormat.IsWellFormed(token) ? KeyFormat.Hash(token) : null;
        var checksummed = hash is not null && KeyFormat.HasValidChecksum(token);
        // The limit stops database lookups, not keys: a platform calls for many customers from one address, and one
        // customer's revoked key must not hold back the others' keys this instance already knows.
        if ((hash is null || !keys.Knows(hash)) && await refusals.RetryAfterAsync(Context.Connection.RemoteIpAddress, Subject) is { } wait)
        {
            retryAfter = wait;
            return AuthenticateResult.Fail("Too many refused requests from this address.");
        }

        if (hash is null)
        {
            return Refuse(KeyProblem.Malformed);
        }

        // A mistyped or cut-short key fails its checksum: malformed, without a lookup (unless it is an older key).
        if (!checksummed && !await legacy.MayBeAsync(hash))
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
        if (retryAfter is { } wait)
        {
            await problems.WriteAsync(new ProblemDetailsContext { HttpContext = Context, ProblemDetails = RefusalLimiter.TooMany(Response, wait) });
            return;
        }

        // Counted here, not when refused: only a challenge answers 401. An anonymous endpoint ignores a failed key, and
        // the inbound receiver's Basic-verified senders send an Authorization header that is no bearer key at all.
        if (problem != KeyProblem.Missing)
        {
            var client = Context.Connection.RemoteIpAddress;
            await refusals.CountAsync(client, Subject);
            if (warnings.ShouldWarn(Subject, client))
            {
                Refused(Logger, client?.ToString(), problem.Code());
            }
        }

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

    /// <summary>The first of a minute per client address; the others are summed up (<see cref="RefusalWarnings"/>).</summary>
    [LoggerMessage(LogLevel.Warning, "Refused an API key from {ClientAddress}: {KeyProblem}")]
    private static partial void Refused(ILogger log, string? clientAddress, string keyProblem);
}
