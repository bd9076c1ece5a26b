using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Imports.Jobs;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.Property(j => j.FileName).HasMaxLength(255);
        builder.Property(j => j.ObjectType).HasMaxLength(40);
        builder.Property(j => j.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(j => j.StartedByType).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.StartedById).HasMaxLength(100);
        builder.Property(j => j.StartedByName).HasMaxLength(200);
        builder.Property(j => j.ErrorMessage).HasMaxLength(1000);
        builder.Property(j => j.BackgroundJobId).HasMaxLength(100);
        builder.HasIndex(j => new { j.WorkspaceId, j.Id });
    }
}

internal sealed class ImportRowErrorConfiguration : IEntityTypeConfiguration<ImportRowError>
{
    public void Configure(EntityTypeBuilder<ImportRowError> builder)
    {
        builder.ToTable("import_row_errors");
        builder.Property(e => e.Message).HasMaxLength(2000);
        builder.Property(e => e.Cells).HasColumnType("jsonb");
        builder.HasOne<ImportJob>().WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.JobId, e.RowNumber });
    }
}
