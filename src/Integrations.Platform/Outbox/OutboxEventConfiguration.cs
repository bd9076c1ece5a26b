using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Platform.Outbox;

internal sealed class OutboxEventConfiguration : IEntityTypeConfiguration<OutboxEvent>
{
    public void Configure(EntityTypeBuilder<OutboxEvent> builder)
    {
        builder.ToTable("events");
        builder.Property(e => e.Type).HasMaxLength(80);
        // json, not jsonb: written once per event and never queried inside, so Postgres only checks the text
        // instead of converting it (a third of the cost of storing an import's events), and it keeps the key order.
        builder.Property(e => e.Data).HasColumnType("json");
        builder.HasIndex(e => new { e.WorkspaceId, e.Id });
    }
}
