using Integrations.Automation.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Automation.Runs;

internal sealed class WorkflowRunConfiguration : IEntityTypeConfiguration<WorkflowRun>
{
    public void Configure(EntityTypeBuilder<WorkflowRun> builder)
    {
        builder.ToTable("workflow_runs");
        builder.Property(r => r.Status).HasMaxLength(20);
        builder.Property(r => r.TriggerType).HasMaxLength(50);
        builder.Property(r => r.TriggerData).HasColumnType("jsonb");
        builder.Property(r => r.Steps).HasColumnType("jsonb");
        builder.Property(r => r.RecordObject).HasMaxLength(50);
        builder.Property(r => r.RecordId).HasMaxLength(50);
        builder.Property(r => r.CurrentStepId).HasMaxLength(100);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.OnceKey).HasMaxLength(200);
        builder.HasOne<Workflow>().WithMany().HasForeignKey(r => r.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        // The executor's claim: what is due, across workspaces; finished runs leave the index.
        builder.HasIndex(r => new { r.Status, r.DueAt }).HasFilter("status IN ('running', 'waiting')");
        // History, newest first per workflow.
        builder.HasIndex(r => new { r.WorkflowId, r.CreatedAt });
        builder.HasIndex(r => new { r.WorkspaceId, r.Id });
        builder.HasIndex(r => r.OnceKey).IsUnique().HasFilter("once_key IS NOT NULL");
    }
}

internal sealed class WorkflowStepRunConfiguration : IEntityTypeConfiguration<WorkflowStepRun>
{
    public void Configure(EntityTypeBuilder<WorkflowStepRun> builder)
    {
        builder.ToTable("workflow_step_runs");
        builder.Property(s => s.StepId).HasMaxLength(100);
        builder.Property(s => s.StepType).HasMaxLength(50);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.Property(s => s.Input).HasColumnType("jsonb");
        builder.Property(s => s.Output).HasColumnType("jsonb");
        builder.Property(s => s.Error).HasMaxLength(2000);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(200);
        builder.HasOne<WorkflowRun>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.RunId, s.StepId, s.Attempt }).IsUnique();
    }
}
