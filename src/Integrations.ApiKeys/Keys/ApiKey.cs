using Integrations.Platform.Data;

namespace Integrations.ApiKeys.Keys;

/// <summary>A key as stored: the SHA-256 of the secret and a display prefix, never the secret itself.</summary>
internal sealed class ApiKey : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    public required byte[] Hash { get; init; }
    public required string Prefix { get; init; }
    public required string[] Scopes { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
}
