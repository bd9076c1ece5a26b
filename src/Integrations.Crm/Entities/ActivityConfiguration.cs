using Integrations.Crm.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Crm.Entities;

/// <summary>
/// An activity belongs to at most one connection, by its public id (<c>cxn_…</c>) and without a foreign key: the
/// connections are the Apps module's table. Re-syncing a connection finds what it stored before by
/// (connection_id, external_id), which is unique. The timeline's own index, over the contacts named in the
/// participants, is written by the migration (EF cannot describe an expression index).
/// </summary>
internal sealed class ActivityConfiguration() : CrmRecordConfiguration<Activity>(RecordTypes.Activity)
{
    public override void Configure(EntityTypeBuilder<Activity> builder)
    {
        base.Configure(builder);
        builder.Property(a => a.Participants).HasColumnType("jsonb");
        builder.HasOne<Contact>().WithMany().HasForeignKey(a => a.ContactId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Deal>().WithMany().HasForeignKey(a => a.DealId).OnDelete(DeleteBehavior.Restrict);
        ReferenceIndex(builder, nameof(Activity.ContactId));
        ReferenceIndex(builder, nameof(Activity.AccountId));
        ReferenceIndex(builder, nameof(Activity.DealId));
        builder.HasIndex(a => new { a.WorkspaceId, a.ConnectionId, a.ExternalId }).IsUnique().HasFilter("external_id IS NOT NULL");
        // The inbox and every timeline read newest first.
        builder.HasIndex(a => new { a.WorkspaceId, a.OccurredAt, a.Id });
    }
}
