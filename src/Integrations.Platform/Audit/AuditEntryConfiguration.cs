using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Platform.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        // json, not jsonb: written once, read whole, never queried inside (see StoredEventConfiguration).
        builder.Property(a => a.Changes).HasColumnType("json");
        builder.Property(a => a.ActorType).HasMaxLength(20);
        builder.Property(a => a.Source).HasMaxLength(20);
        builder.Property(a => a.Action).HasMaxLength(60);
        builder.Property(a => a.ObjectType).HasMaxLength(40);
        builder.Property(a => a.ObjectId).HasMaxLength(60);
        // The key leads with the workspace: every read is one workspace's log, newest first, and the key is the index
        // that serves it, so an import's million entries feed two indexes instead of three. Ascending, though the log
        // reads newest first (Postgres scans a b-tree backwards as cheaply): new ids are the highest, so they land on
        // the rightmost page, which Postgres fills without searching; a descending index put every one at the far
        // left and cost a quarter of the time of storing an import's audit entries.
        builder.HasKey(a => new { a.WorkspaceId, a.Id });
        builder.HasIndex(a => new { a.WorkspaceId, a.ObjectId });
    }
}
