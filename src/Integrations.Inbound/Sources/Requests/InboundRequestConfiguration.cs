using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Inbound.Sources.Requests;

internal sealed class InboundRequestConfiguration : IEntityTypeConfiguration<InboundRequest>
{
    public void Configure(EntityTypeBuilder<InboundRequest> builder)
    {
        builder.ToTable("inbound_requests");
        builder.Property(r => r.DeliveryId).HasMaxLength(200);
        builder.Property(r => r.Headers).HasColumnType("jsonb");
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Errors).HasColumnType("jsonb");
        builder.Property(r => r.Record).HasColumnType("jsonb");
        builder.HasOne<InboundSource>().WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Cascade);
        // A repeated delivery id conflicts here, so two racing copies of one delivery store one row.
        builder.HasIndex(r => new { r.SourceId, r.DeliveryId }).IsUnique();
        builder.HasIndex(r => new { r.SourceId, r.Id });
        // The worker's queue: only what waits.
        builder.HasIndex(r => r.Id).HasFilter("status = 'Received'").HasDatabaseName("ix_inbound_requests_waiting");
    }
}
