using Integrations.Inbound.Mapping;
using Integrations.Inbound.Sources.Verification;

namespace Integrations.Inbound.Sources;

/// <summary>A source as it will be saved, after presets and the current values filled in what the input left out.</summary>
internal sealed record SourceDraft(
    string Name, string? Preset, VerificationSettings Verification, IdempotencyInput Idempotency, RecordMapping? Mapping, bool Enabled);
