using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Integrations.Platform.Identity;

internal sealed class WorkspaceMemberConfiguration : IEntityTypeConfiguration<WorkspaceMember>
{
    /// <summary>A role as stored: its name, lower case.</summary>
    internal static readonly ValueConverter<WorkspaceRole, string> RoleByName =
        new(r => r.Name(), s => Enum.Parse<WorkspaceRole>(s, true));

    public void Configure(EntityTypeBuilder<WorkspaceMember> builder)
    {
        builder.ToTable("workspace_members");
        builder.HasKey(m => new { m.WorkspaceId, m.UserId });
        builder.Property(m => m.Role).HasConversion(RoleByName).HasMaxLength(20);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(m => m.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AdminUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        // A user's workspaces: the switcher, and the membership check on every admin request.
        builder.HasIndex(m => m.UserId);
    }
}
