using Integrations.Inbound.Mapping;
using Integrations.Inbound.Sources;
using Integrations.Inbound.Sources.Verification;
using Integrations.Web.Pages.Shared.Mapping;

namespace Integrations.Web.Pages.Inbound;

/// <summary>The create/edit form: a preset picks the method and fills its settings, which stay editable.</summary>
internal sealed class SourceForm
{
    public string? Name { get; set; }
    public string Preset { get; set; } = "standard_webhooks";
    public string? Header { get; set; }
    public string? Encoding { get; set; }
    public string? Prefix { get; set; }
    public string? Username { get; set; }
    public string? Secret { get; set; }
    public string? IdempotencyHeader { get; set; } = "webhook-id";
    public string? IdempotencyPath { get; set; }
    public bool Enabled { get; set; } = true;
    public MappingForm Mapping { get; set; } = new()
    {
        Fields = [new() { Target = "email", Expression = "$.email" }, new() { Target = "first_name", Expression = "$.first_name", Optional = true }],
        UpsertBy = "email",
    };

    /// <summary>A payload to preview the mapping on; not stored.</summary>
    public string? Sample { get; set; }

    public string? Method => VerificationPreset.Find(Preset)?.Settings.Method;

    internal SourceInput ToInput() => new(
        Name ?? "",
        Preset,
        new VerificationInput(Method, Header, Encoding, Prefix, Username),
        string.IsNullOrWhiteSpace(Secret) ? null : Secret.Trim(),
        new IdempotencyInput(IdempotencyHeader, IdempotencyPath),
        Mapping.ToMapping(),
        Enabled: Enabled);

    internal static SourceForm From(SourceView source) => new()
    {
        Name = source.Name,
        Preset = source.Preset ?? VerificationPreset.All.First(p => p.Settings.Method == source.Verification.Method).Name,
        Header = source.Verification.Header,
        Encoding = source.Verification.Encoding,
        Prefix = source.Verification.Prefix,
        Username = source.Verification.Username,
        IdempotencyHeader = source.Idempotency.Header,
        IdempotencyPath = source.Idempotency.Path,
        Enabled = source.Enabled,
        Mapping = MappingForm.From(source.Mapping),
    };

    /// <summary>The preset's method and settings, and its delivery id.</summary>
    public void Use(VerificationPreset preset)
    {
        Preset = preset.Name;
        (Header, Encoding, Prefix, Username) = (preset.Settings.Header, preset.Settings.Encoding, preset.Settings.Prefix, preset.Settings.Username);
        (IdempotencyHeader, IdempotencyPath) = (preset.IdempotencyHeader, preset.IdempotencyPath);
    }

    public void Use(MappingPreset preset)
    {
        Mapping = MappingForm.From(preset.Mapping);
        Sample = preset.Sample;
    }
}
