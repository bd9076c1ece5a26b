using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Webhooks.Subscriptions;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Url).HasMaxLength(2048);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.RetryPolicy).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.StatusReason).HasMaxLength(500);
        builder.Property(s => s.ReplayJobId).HasMaxLength(100);
        builder.HasIndex(s => new { s.WorkspaceId, s.Status });
    }
}
