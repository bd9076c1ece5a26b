using Microsoft.AspNetCore.Identity;

namespace Integrations.Platform.Identity;

/// <summary>A person who signs in to the admin UI; belongs to one workspace.</summary>
public sealed class AdminUser : IdentityUser<Guid>
{
    public Guid WorkspaceId { get; set; }
}
