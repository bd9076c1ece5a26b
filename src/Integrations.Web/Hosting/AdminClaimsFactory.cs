using System.Security.Claims;
using Integrations.Platform.Callers;
using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Integrations.Web.Hosting;

/// <summary>Gives a signed-in admin the same caller claims an API key carries.</summary>
internal sealed class AdminClaimsFactory(
    UserManager<AdminUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AdminUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AdminUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CallerClaims.WorkspaceId, user.WorkspaceId.ToString()));
        identity.AddClaim(new Claim(CallerClaims.ActorType, nameof(ActorType.User)));
        identity.AddClaim(new Claim(CallerClaims.ActorId, user.Id.ToString()));
        identity.AddClaim(new Claim(CallerClaims.ActorName, user.Email ?? user.UserName ?? "admin"));
        return identity;
    }
}
