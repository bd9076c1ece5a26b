using System.Security.Claims;
using Integrations.Platform.Callers;

namespace Integrations.Platform.Api;

/// <summary>Scope checks on an authenticated principal; <c>admin</c> allows everything.</summary>
public static class Scopes
{
    public const string Admin = "admin";

    public static bool Allows(this ClaimsPrincipal principal, string scope) =>
        principal.HasClaim(CallerClaims.Scope, scope) || principal.HasClaim(CallerClaims.Scope, Admin);
}
