using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Clients;

internal sealed class AppClientConfiguration : IEntityTypeConfiguration<AppClient>
{
    public void Configure(EntityTypeBuilder<AppClient> builder)
    {
        builder.ToTable("app_clients");
        builder.Property(c => c.AppId).HasMaxLength(50);
        builder.Property(c => c.ClientId).HasMaxLength(500);
        builder.HasIndex(c => new { c.WorkspaceId, c.AppId }).IsUnique();
    }
}
