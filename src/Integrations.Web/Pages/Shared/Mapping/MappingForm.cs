using Integrations.Crm.Schema;
using Integrations.Inbound.Mapping;

namespace Integrations.Web.Pages.Shared.Mapping;

/// <summary>
/// A <see cref="RecordMapping"/> as the mapping editor's form: the same on the inbound source and connector pages, so the
/// same rows make the same mapping. Blank rows, and linked records without a reference field, are dropped.
/// </summary>
internal sealed class MappingForm
{
    // A blank post binds as null; "" lets the mapping's own rules name the problem instead.
    public string Object { get; set => field = value ?? ""; } = "contact";
    public List<FieldRow> Fields { get; set; } = [];
    public string UpsertBy { get; set => field = value ?? ""; } = UpsertKey.None;
    public string? UpsertPath { get; set; }
    public List<LinkedRecord> Links { get; set; } = [];

    /// <summary>Drops what was left empty, so the rows shown again after a refused save are numbered as the errors name them.</summary>
    public void Compact()
    {
        Fields.RemoveAll(f => f.IsBlank);
        Links.RemoveAll(l => string.IsNullOrWhiteSpace(l.Field));
        Links.ForEach(l => l.Mapping.Compact());
    }

    public RecordMapping ToMapping() => new()
    {
        Object = Object,
        Fields = Fields.Where(f => !f.IsBlank).Select(f => f.ToRule()).ToList(),
        Upsert = new UpsertKey { By = UpsertBy, Path = UpsertBy is UpsertKey.Id or UpsertKey.ExternalId ? UpsertPath?.Trim() : null },
        Links = Links.Where(l => !string.IsNullOrWhiteSpace(l.Field))
            .Select(l => new LinkedMapping { Field = l.Field!.Trim(), Mapping = l.Mapping.ToMapping() })
            .ToList(),
    };

    public static MappingForm From(RecordMapping mapping) => new()
    {
        Object = mapping.Object,
        Fields = mapping.Fields.Select(FieldRow.From).ToList(),
        UpsertBy = mapping.Upsert.By,
        UpsertPath = mapping.Upsert.Path,
        Links = mapping.Links.Select(l => new LinkedRecord { Field = l.Field, Mapping = From(l.Mapping) }).ToList(),
    };

    /// <summary>A linked record for a reference field not linked yet, matched by its natural key when it has one: the
    /// contact first (a deal's <c>contact_id</c> by email, as a shop's customer), then the others in field order.</summary>
    public void AddLink()
    {
        var reference = RecordTypes.Find(Object)?.Fields
            .Where(f => f.Kind == FieldKind.Reference && !Links.Exists(l => l.Field?.Trim() == f.Name))
            .OrderBy(f => f.RefersTo == RecordTypes.Contact.Name ? 0 : 1)
            .FirstOrDefault();
        var target = RecordTypes.Find(reference?.RefersTo ?? "contact")!;
        Links.Add(new LinkedRecord
        {
            Field = reference?.Name,
            Mapping = new MappingForm { Object = target.Name, UpsertBy = target.NaturalKey ?? UpsertKey.None },
        });
    }
}
