using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        // json, not jsonb: written once, read whole, never queried inside (see OutboxEventConfiguration).
        builder.Property(a => a.Changes).HasColumnType("json");
        builder.Property(a => a.ActorType).HasMaxLength(20);
        builder.Property(a => a.Source).HasMaxLength(20);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.ObjectType).HasMaxLength(40);
        builder.Property(a => a.ObjectId).HasMaxLength(60);
        builder.HasIndex(a => new { a.WorkspaceId, a.Id }).IsDescending(false, true);
        builder.HasIndex(a => new { a.WorkspaceId, a.ObjectId });
    }
}
