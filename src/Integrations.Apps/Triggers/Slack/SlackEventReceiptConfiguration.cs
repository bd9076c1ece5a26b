using Integrations.Apps.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Triggers.Slack;

internal sealed class SlackEventReceiptConfiguration : IEntityTypeConfiguration<SlackEventReceipt>
{
    public void Configure(EntityTypeBuilder<SlackEventReceipt> builder)
    {
        builder.ToTable("slack_event_receipts");
        // Two copies of one event racing conflict here, so one of them emits.
        builder.HasKey(r => new { r.ConnectionId, r.EventId });
        builder.Property(r => r.EventId).HasMaxLength(SlackEventReceiver.MaxEventIdLength);
        builder.HasIndex(r => r.ReceivedAt);
        builder.HasOne<AppConnection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
