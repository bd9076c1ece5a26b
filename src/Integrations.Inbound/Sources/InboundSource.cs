using Integrations.Inbound.Sources.Verification;
using Integrations.Platform.Data;

namespace Integrations.Inbound.Sources;

/// <summary>An endpoint another system POSTs to: how its requests are verified, de-duplicated and mapped to a record.</summary>
internal sealed class InboundSource : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }

    /// <summary>The mapping's target object, kept beside it for lists.</summary>
    public required string Object { get; set; }

    /// <summary>The <see cref="Mapping.RecordMapping"/> as JSON.</summary>
    public required string Mapping { get; set; }
    public string? Preset { get; set; }
    public required string Method { get; set; }
    public string? SignatureHeader { get; set; }
    public string? SignatureEncoding { get; set; }
    public string? SignaturePrefix { get; set; }
    public string? Username { get; set; }

    /// <summary>The signing secret, expected key or password, protected with Data Protection; shown once, never logged.</summary>
    public required string SecretCiphertext { get; set; }
    public string? IdempotencyHeader { get; set; }
    public string? IdempotencyPath { get; set; }
    public bool Enabled { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public VerificationSettings Verification
    {
        get => new(Method, SignatureHeader, SignatureEncoding, SignaturePrefix, Username);
        set => (Method, SignatureHeader, SignatureEncoding, SignaturePrefix, Username) =
            (value.Method, value.Header, value.Encoding, value.Prefix, value.Username);
    }
}
