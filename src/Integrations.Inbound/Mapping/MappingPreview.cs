using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;

namespace Integrations.Inbound.Mapping;

/// <summary>What a mapping makes of a sample payload, without storing anything: paste a payload, see the record.</summary>
public sealed record MappingPreviewResult(
    JsonObject? Record, string? Key, IReadOnlyList<MappingPreviewLink> Links, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

public sealed record MappingPreviewLink(string Field, string Object, JsonObject Record, string? Key);

public static class MappingPreview
{
    public static MappingPreviewResult Run(RecordMapping mapping, string sample)
    {
        var problems = MappingRules.Check(mapping);
        if (problems.Count > 0)
        {
            return new MappingPreviewResult(null, null, [], problems);
        }

        if (!JsonDocumentReader.TryParse(sample, out var document, out var parseError))
        {
            return new MappingPreviewResult(null, null, [], [new FieldError("sample", parseError!)]);
        }

        var mapped = RecordMapper.Map(mapping, document!);
        var errors = new List<FieldError>(mapped.AllErrors);
        var links = new List<MappingPreviewLink>();
        foreach (var (link, linked) in mapped.Links)
        {
            var (linkedRecord, linkedErrors) = RecordPreview.Of(linked.Type, linked.Fields);
            errors.AddRange(linkedErrors.Select(e => e with { Field = $"{link.Field}.{e.Field}" }));
            links.Add(new MappingPreviewLink(link.Field, linked.Type.Name, linkedRecord, linked.Key));
        }

        var (record, recordErrors) = RecordPreview.Of(mapped.Type, mapped.Fields);
        errors.AddRange(recordErrors);
        foreach (var link in links)
        {
            record[link.Field] = $"(the {link.Object} above)";
        }

        return new MappingPreviewResult(record, mapped.Key, links, errors.DistinctBy(e => (e.Field, e.Message)).ToList());
    }
}
