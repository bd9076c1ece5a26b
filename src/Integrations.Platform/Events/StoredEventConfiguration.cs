using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Platform.Events;

internal sealed class StoredEventConfiguration : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> builder)
    {
        builder.ToTable("events", t => t.HasCheckConstraint("ck_events_data_once", "(data IS NULL) <> (data_event_id IS NULL)"));
        builder.Property(e => e.Type).HasMaxLength(80);
        // json, not jsonb: written once per event and never queried inside, so Postgres only checks the text
        // instead of converting it (a third of the cost of storing an import's events), and it keeps the key order.
        builder.Property(e => e.Data).HasColumnType("json");
        // No index but the primary key: nothing lists events (deliveries carry their own bodies), and each index
        // is paid for on every one of an import's two million events.
    }
}
