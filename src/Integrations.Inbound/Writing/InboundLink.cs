using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Inbound.Writing;

/// <summary>Which record another system's id became, per source or connector (the "origin").</summary>
internal sealed class InboundLink : IWorkspaceScoped
{
    public Guid WorkspaceId { get; init; }
    public Guid OriginId { get; init; }
    public required string ObjectType { get; init; }
    public required string ExternalKey { get; init; }
    public Guid RecordId { get; set; }
}

internal sealed class InboundLinkConfiguration : IEntityTypeConfiguration<InboundLink>
{
    public void Configure(EntityTypeBuilder<InboundLink> builder)
    {
        builder.ToTable("inbound_links");
        builder.HasKey(l => new { l.WorkspaceId, l.OriginId, l.ObjectType, l.ExternalKey });
        builder.Property(l => l.ObjectType).HasMaxLength(40);
        builder.Property(l => l.ExternalKey).HasMaxLength(500);
    }
}
