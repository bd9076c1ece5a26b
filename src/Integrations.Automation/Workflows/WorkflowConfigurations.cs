using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Automation.Workflows;

internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> builder)
    {
        builder.ToTable("workflows");
        builder.Property(w => w.Name).HasMaxLength(200);
        builder.Property(w => w.TriggerType).HasMaxLength(50);
        builder.Property(w => w.TriggerKey).HasMaxLength(100);
        builder.Property(w => w.CreatedBy).HasMaxLength(200);
        builder.Property(w => w.SigningSecretCiphertext).HasMaxLength(1000);
        // Matching: the workspace's enabled workflows for one kind of trigger.
        builder.HasIndex(w => new { w.WorkspaceId, w.TriggerType, w.TriggerKey }).HasFilter("enabled AND deleted_at IS NULL");
        builder.HasIndex(w => new { w.WorkspaceId, w.Id });
    }
}

internal sealed class WorkflowVersionConfiguration : IEntityTypeConfiguration<WorkflowVersion>
{
    public void Configure(EntityTypeBuilder<WorkflowVersion> builder)
    {
        builder.ToTable("workflow_versions");
        builder.HasKey(v => new { v.WorkflowId, v.Version });
        builder.Property(v => v.Definition).HasColumnType("jsonb");
        builder.Property(v => v.CreatedBy).HasMaxLength(200);
        builder.HasOne<Workflow>().WithMany().HasForeignKey(v => v.WorkflowId).OnDelete(DeleteBehavior.Cascade);
    }
}
