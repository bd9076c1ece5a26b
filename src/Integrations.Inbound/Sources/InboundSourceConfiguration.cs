using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Inbound.Sources;

internal sealed class InboundSourceConfiguration : IEntityTypeConfiguration<InboundSource>
{
    public void Configure(EntityTypeBuilder<InboundSource> builder)
    {
        builder.ToTable("inbound_sources");
        builder.Ignore(s => s.Verification);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Object).HasMaxLength(40);
        builder.Property(s => s.Mapping).HasColumnType("jsonb");
        builder.Property(s => s.Preset).HasMaxLength(40);
        builder.Property(s => s.Method).HasMaxLength(40);
        builder.Property(s => s.SignatureHeader).HasMaxLength(100);
        builder.Property(s => s.SignatureEncoding).HasMaxLength(10);
        builder.Property(s => s.SignaturePrefix).HasMaxLength(20);
        builder.Property(s => s.Username).HasMaxLength(200);
        builder.Property(s => s.IdempotencyHeader).HasMaxLength(100);
        builder.Property(s => s.IdempotencyPath).HasMaxLength(200);
        builder.HasIndex(s => new { s.WorkspaceId, s.Id });
    }
}
