using Integrations.Apps.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Syncs;

internal sealed class AppSyncConfiguration : IEntityTypeConfiguration<AppSync>
{
    public void Configure(EntityTypeBuilder<AppSync> builder)
    {
        builder.ToTable("app_syncs");
        builder.Property(s => s.SyncId).HasMaxLength(50);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.Property(s => s.LastError).HasMaxLength(1000);
        builder.HasOne<AppConnection>().WithMany().HasForeignKey(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ConnectionId, s.SyncId }).IsUnique();
        builder.HasIndex(s => s.NextRunAt);
    }
}
