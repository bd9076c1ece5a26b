using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.ApiKeys.Keys;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Name).HasMaxLength(ApiKeyRules.MaxNameLength);
        // Two rolls of one key at once: the second finds the hash changed and is refused, instead of handing out a dead secret.
        builder.Property(k => k.Hash).HasMaxLength(32).IsConcurrencyToken();
        builder.Property(k => k.Prefix).HasMaxLength(20);
        builder.Property(k => k.Scopes).HasColumnType("text[]");
        // Authentication finds a key by its hash alone, before the workspace is known.
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.Property(k => k.PreviousHash).HasMaxLength(32);
        builder.HasIndex(k => k.PreviousHash).IsUnique();
        builder.HasIndex(k => new { k.WorkspaceId, k.Id }).IsDescending(false, true);
    }
}
