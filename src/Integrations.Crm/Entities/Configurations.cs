using Integrations.Crm.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Crm.Entities;

internal sealed class ContactConfiguration() : CrmRecordConfiguration<Contact>(RecordTypes.Contact)
{
    public override void Configure(EntityTypeBuilder<Contact> builder)
    {
        base.Configure(builder);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Restrict);
        ReferenceIndex(builder, nameof(Contact.AccountId));
    }
}

internal sealed class AccountConfiguration() : CrmRecordConfiguration<Account>(RecordTypes.Account);

internal sealed class DealConfiguration() : CrmRecordConfiguration<Deal>(RecordTypes.Deal)
{
    public override void Configure(EntityTypeBuilder<Deal> builder)
    {
        base.Configure(builder);
        builder.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(d => d.ContactId).OnDelete(DeleteBehavior.Restrict);
        ReferenceIndex(builder, nameof(Deal.AccountId));
        ReferenceIndex(builder, nameof(Deal.ContactId));
    }
}

internal sealed class ProductConfiguration() : CrmRecordConfiguration<Product>(RecordTypes.Product);
