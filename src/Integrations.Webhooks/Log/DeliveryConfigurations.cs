using Integrations.Webhooks.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Webhooks.Log;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        // Range-partitioned by id, a week a partition (migration PartitionDeliveryLog; TimePartitions keeps them).
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.EventType).HasMaxLength(80);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's queue: only pending rows, in due order.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_webhook_deliveries_due");
        builder.HasIndex(d => new { d.SubscriptionId, d.Id });
        // The claim walks each active endpoint's due rows (LATERAL … LIMIT per endpoint).
        builder.HasIndex(d => new { d.SubscriptionId, d.NextAttemptAt }).HasFilter("status = 'Pending'")
            .HasDatabaseName("ix_webhook_deliveries_endpoint_due");
        // A throttled endpoint's claim counts its deliveries in flight (leased) by anyone; results clear the lease.
        builder.HasIndex(d => d.SubscriptionId, "Leased").HasFilter("status = 'Pending' AND lease_until IS NOT NULL")
            .HasDatabaseName("ix_webhook_deliveries_leased");
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        // Range-partitioned by id, a week a partition, like the deliveries.
        builder.ToTable("webhook_delivery_attempts");
        builder.Property(a => a.ResponseSnippet).HasMaxLength(1024);
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.Property(a => a.RequestHeaders).HasColumnType("jsonb");
        // No foreign key to the delivery: both tables drop old weeks whole (TimePartitions), each on its own retention.
        builder.HasIndex(a => new { a.DeliveryId, a.AttemptedAt });
        builder.HasIndex(a => new { a.SubscriptionId, a.AttemptedAt });
    }
}
