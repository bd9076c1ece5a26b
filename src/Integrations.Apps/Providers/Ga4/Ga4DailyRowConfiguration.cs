using Integrations.Apps.Connections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Providers.Ga4;

internal sealed class Ga4DailyRowConfiguration : IEntityTypeConfiguration<Ga4DailyRow>
{
    public void Configure(EntityTypeBuilder<Ga4DailyRow> builder)
    {
        builder.ToTable("ga4_daily_rows");
        builder.HasKey(r => new { r.ConnectionId, r.PropertyId, r.Date, r.Source, r.Medium });
        builder.Property(r => r.PropertyId).HasMaxLength(50);
        builder.Property(r => r.Source).HasMaxLength(Ga4Dimensions.MaxLength);
        builder.Property(r => r.Medium).HasMaxLength(Ga4Dimensions.MaxLength);
        builder.Property(r => r.Conversions).HasPrecision(18, 2);
        builder.HasOne<AppConnection>().WithMany().HasForeignKey(r => r.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
