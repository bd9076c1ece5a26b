using System.Text.Json.Serialization;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Sources.Verification;

namespace Integrations.Inbound.Sources;

/// <summary>A source as the page and the API show it. <c>Secret</c> only in the answer that generated it.</summary>
public sealed record SourceView(
    string SourceId,
    string Name,
    string Object,
    string Path,
    string? Preset,
    VerificationSettings Verification,
    IdempotencyInput Idempotency,
    RecordMapping Mapping,
    bool Enabled,
    SourceStats Stats,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The absolute receiving URL, when the answer knows the host it was asked on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }
}

/// <summary>The source's requests: the last one's time and how many wait, were processed or failed.</summary>
public sealed record SourceStats(DateTimeOffset? LastRequestAt, int Waiting, int Processed, int Failed)
{
    public static SourceStats None { get; } = new(null, 0, 0, 0);
}

/// <summary>A create or update: the source, or the errors by field.</summary>
public sealed record SourceEdit(SourceView? Source, IReadOnlyDictionary<string, string[]> Errors);
