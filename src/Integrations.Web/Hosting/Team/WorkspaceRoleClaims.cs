using System.Security.Claims;
using Integrations.Platform.Callers;
using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Integrations.Web.Hosting.Team;

/// <summary>
/// On every admin request, the role the person has in the session's workspace now, read from the database (so a role
/// changed or a member removed counts from their next click, not their next sign-in). A session whose workspace the
/// person no longer belongs to moves to another of theirs, or to none (and sees nothing of any workspace).
/// </summary>
internal sealed class WorkspaceRoleClaims(WorkspaceMembers members) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity
            || identity.AuthenticationType != IdentityConstants.ApplicationScheme
            || identity.HasClaim(c => c.Type == WorkspaceAccess.RoleClaim)
            || !Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var userId))
        {
            return principal;
        }

        var session = Guid.TryParse(identity.FindFirst(CallerClaims.WorkspaceId)?.Value, out var id) ? id : Guid.Empty;
        var role = await members.RoleAsync(userId, session, CancellationToken.None);
        var workspace = session;
        if (role is null)
        {
            var other = (await members.OfUserAsync(userId, CancellationToken.None)).FirstOrDefault();
            (workspace, role) = other is null ? (Guid.Empty, (WorkspaceRole?)null) : (other.Id, other.Role);
        }

        var transformed = identity.Clone();
        foreach (var claim in transformed.FindAll(CallerClaims.WorkspaceId).ToList())
        {
            transformed.RemoveClaim(claim);
        }

        if (role is { } found)
        {
            transformed.AddClaim(new Claim(CallerClaims.WorkspaceId, workspace.ToString()));
            transformed.AddClaim(new Claim(WorkspaceAccess.RoleClaim, found.Name()));
        }

        return new ClaimsPrincipal(transformed);
    }
}
