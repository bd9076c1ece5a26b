using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Apps.Connect;

internal sealed class ConnectStateConfiguration : IEntityTypeConfiguration<ConnectState>
{
    public void Configure(EntityTypeBuilder<ConnectState> builder)
    {
        builder.ToTable("app_connect_states");
        builder.HasKey(s => s.StateHash);
        builder.Property(s => s.StateHash).HasMaxLength(64);
        builder.Property(s => s.AdminId).HasMaxLength(100);
        builder.Property(s => s.AppId).HasMaxLength(50);
        builder.Property(s => s.RedirectUri).HasMaxLength(2000);
        builder.HasIndex(s => s.ExpiresAt);
    }
}
