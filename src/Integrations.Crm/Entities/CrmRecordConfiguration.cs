using System.Text.Json;
using Integrations.Crm.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Integrations.Crm.Entities;

/// <summary>Table, shared columns, lengths from the schema, and the indexes listing and upserts need.</summary>
internal abstract class CrmRecordConfiguration<T>(RecordType type) : IEntityTypeConfiguration<T>
    where T : CrmRecord
{
    public virtual void Configure(EntityTypeBuilder<T> builder)
    {
        builder.ToTable(type.Table);
        builder.Property(r => r.CustomFields).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.HasIndex(r => new { r.WorkspaceId, r.Id });
        builder.HasIndex(r => new { r.WorkspaceId, r.UpdatedAt });
        foreach (var field in type.Fields.Where(f => f.IsText || f.Kind is FieldKind.Choice))
        {
            builder.Property<string>(Pascal(field.Name)).HasMaxLength(field.MaxLength);
        }

        foreach (var field in type.Fields.Where(f => f.Kind is FieldKind.Money))
        {
            builder.Property<decimal?>(Pascal(field.Name)).HasPrecision(19, 4);
        }

        foreach (var field in type.Fields.Where(f => f.Kind is FieldKind.Currency))
        {
            builder.Property<string>(Pascal(field.Name)).HasMaxLength(3).IsFixedLength();
        }

        if (type.NaturalKey is { } key)
        {
            builder.HasIndex(nameof(CrmRecord.WorkspaceId), Pascal(key)).IsUnique().HasFilter($"{key} IS NOT NULL");
        }
    }

    /// <summary>
    /// The index behind a reference's foreign key (what deleting the referenced record checks) covers only the rows
    /// that have one: most imported contacts name no account, and indexing a million NULLs was a fifth of the cost of
    /// storing them. Postgres still uses it for <c>account_id = …</c>, which implies NOT NULL.
    /// </summary>
    protected static void ReferenceIndex(EntityTypeBuilder<T> builder, string property) =>
        builder.HasIndex(property).HasFilter($"{JsonNamingPolicy.SnakeCaseLower.ConvertName(property)} IS NOT NULL");

    /// <summary>The entity property behind a schema field: <c>first_name</c> → <c>FirstName</c>.</summary>
    internal static string Pascal(string name) =>
        string.Concat(name.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
