using System.Text.Json;
using Integrations.Inbound.Mapping;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Inbound.Sources.Api;

/// <summary>
/// <c>POST /api/v1/inbound/sources/preview</c>: <c>mapping</c> (or <c>mapping_preset</c>) and a <c>sample</c> payload, given
/// as JSON or as a JSON string holding the exact text. A sound mapping answers 200 with the record or what failed.
/// </summary>
internal static class PreviewApi
{
    public static Results<Ok<MappingPreviewResult>, ValidationProblem> Preview(PreviewRequest request)
    {
        var mapping = request.Mapping ?? MappingPreset.Find(request.MappingPreset ?? "")?.Mapping;
        var problems = MappingRules.Check(mapping);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        if (request.Sample is not { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } sample)
        {
            return ApiProblems.Invalid("sample", "Give a sample payload to preview the mapping on.");
        }

        var text = sample.ValueKind == JsonValueKind.String ? sample.GetString()! : sample.GetRawText();
        return TypedResults.Ok(MappingPreview.Run(mapping!, text));
    }
}

internal sealed record PreviewRequest(RecordMapping? Mapping, string? MappingPreset, JsonElement? Sample);
