using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Platform.Events;

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("events");
        builder.Property(e => e.Type).HasMaxLength(80);
        // json, not jsonb: written once per event and never queried inside, so Postgres only checks the text
        // instead of converting it (a third of the cost of storing an import's events), and it keeps the key order.
        builder.Property(e => e.Data).HasColumnType("json");
        // GET /api/v1/events: a workspace's events newest first (ids are UUIDv7, so by time). The one index besides the
        // primary key: each is paid for on every one of an import's million events, so a type filter reads this one too.
        builder.HasIndex(e => new { e.WorkspaceId, e.Id });
    }
}
