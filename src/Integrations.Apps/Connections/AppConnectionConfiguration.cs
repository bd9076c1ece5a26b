using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Connections;

internal sealed class AppConnectionConfiguration : IEntityTypeConfiguration<AppConnection>
{
    public void Configure(EntityTypeBuilder<AppConnection> builder)
    {
        builder.ToTable("app_connections");
        builder.Property(c => c.AppId).HasMaxLength(50);
        builder.Property(c => c.Account).HasMaxLength(320);
        builder.Property(c => c.AccountName).HasMaxLength(320);
        builder.Property(c => c.Settings).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.Property(c => c.Status).HasMaxLength(20);
        builder.Property(c => c.LastError).HasMaxLength(1000);
        builder.Property(c => c.ConnectedBy).HasMaxLength(100);
        builder.HasIndex(c => new { c.WorkspaceId, c.AppId, c.Account }).IsUnique();
    }
}
