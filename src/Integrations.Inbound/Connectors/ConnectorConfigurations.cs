using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Inbound.Connectors;

internal sealed class ConnectorConfiguration : IEntityTypeConfiguration<Connector>
{
    public void Configure(EntityTypeBuilder<Connector> builder)
    {
        builder.ToTable("connectors");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Url).HasMaxLength(2048);
        builder.Property(c => c.Method).HasMaxLength(10);
        builder.Property(c => c.AuthType).HasMaxLength(20);
        builder.Property(c => c.AuthHeader).HasMaxLength(100);
        builder.Property(c => c.ItemsPath).HasMaxLength(500);
        builder.Property(c => c.PaginationMode).HasMaxLength(20);
        builder.Property(c => c.PagePath).HasMaxLength(500);
        builder.Property(c => c.PageParam).HasMaxLength(100);
        builder.Property(c => c.PageSizeParam).HasMaxLength(100);
        builder.Property(c => c.CursorParam).HasMaxLength(100);
        builder.Property(c => c.CursorSource).HasMaxLength(20);
        builder.Property(c => c.CursorItemPath).HasMaxLength(500);
        builder.Property(c => c.CursorValue).HasMaxLength(500);
        builder.Property(c => c.Schedule).HasMaxLength(100);
        builder.Property(c => c.MappingJson).HasColumnType("jsonb");
        builder.HasIndex(c => new { c.WorkspaceId, c.Id });
    }
}

internal sealed class ConnectorRunConfiguration : IEntityTypeConfiguration<ConnectorRun>
{
    public void Configure(EntityTypeBuilder<ConnectorRun> builder)
    {
        builder.ToTable("connector_runs");
        builder.Property(r => r.Trigger).HasMaxLength(20);
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.ItemErrors).HasColumnType("jsonb");
        builder.Property(r => r.CursorSent).HasMaxLength(500);
        builder.Property(r => r.CursorSaved).HasMaxLength(500);
        builder.HasOne<Connector>().WithMany().HasForeignKey(r => r.ConnectorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ConnectorId, r.Id });
        // One queued or running run per connector: the database, not a timing, keeps runs of a connector apart.
        builder.HasIndex(r => r.ConnectorId).IsUnique().HasFilter("status IN ('queued', 'running')")
            .HasDatabaseName("ix_connector_runs_one_active");
    }
}
