using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Inbound.Sources.Requests;

internal sealed class InboundBodyHashConfiguration : IEntityTypeConfiguration<InboundBodyHash>
{
    public void Configure(EntityTypeBuilder<InboundBodyHash> builder)
    {
        builder.ToTable("inbound_body_hashes");
        // Two copies of a body racing conflict here, so one of them is stored.
        builder.HasKey(h => new { h.SourceId, h.BodyHash });
        // Checked when the receiving statement ends: a hash whose request lost on its delivery id fails with it, so no
        // hash points at a request that was never stored. Pruned or deleted requests take their hashes with them.
        builder.HasOne<InboundRequest>().WithMany().HasForeignKey(h => h.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
