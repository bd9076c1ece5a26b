using Integrations.Inbound.Mapping;

namespace Integrations.Inbound.Sources;

/// <summary>
/// What <c>POST</c> and <c>PATCH /api/v1/inbound/sources</c> and the source form take. A <c>preset</c> (shopify, github,
/// stripe, standard_webhooks, api_key, basic, hmac) fills the verification and idempotency not given; <c>mapping_preset</c>
/// (shopify_order) a mapping. On a PATCH, what is left out stays as it is. <c>secret</c>: omitted on create, one is generated
/// and shown once.
/// </summary>
public sealed record SourceInput(
    string? Name = null,
    string? Preset = null,
    VerificationInput? Verification = null,
    string? Secret = null,
    IdempotencyInput? Idempotency = null,
    RecordMapping? Mapping = null,
    string? MappingPreset = null,
    bool? Enabled = null);

/// <param name="Method">hmac, stripe, standard_webhooks, api_key or basic.</param>
/// <param name="Encoding">hmac: hex (default) or base64.</param>
/// <param name="Prefix">hmac: text before the signature, such as <c>sha256=</c>, taken off when present.</param>
public sealed record VerificationInput(string? Method = null, string? Header = null, string? Encoding = null, string? Prefix = null,
    string? Username = null);

/// <summary>Where a delivery id is: a header, or a JSON path in the body; neither turns de-duplication off.</summary>
public sealed record IdempotencyInput(string? Header = null, string? Path = null);
