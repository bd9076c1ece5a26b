using Integrations.Platform.Data;

namespace Integrations.ApiKeys.Keys;

/// <summary>A key as stored: the SHA-256 of the secret and a display prefix, never the secret itself.</summary>
internal sealed class ApiKey : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    public required byte[] Hash { get; set; }
    public required string Prefix { get; set; }
    public required string[] Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>Whether the secret ends in its checksum (<see cref="KeyFormat"/>): every key issued or rolled since checksums.</summary>
    public bool HasChecksum { get; set; }

    /// <summary>While a key rolls: the hash of the secret it had, which works until <see cref="PreviousExpiresAt"/>.</summary>
    public byte[]? PreviousHash { get; set; }

    public DateTimeOffset? PreviousExpiresAt { get; set; }
}
