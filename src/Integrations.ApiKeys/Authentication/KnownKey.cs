using System.Security.Claims;
using Integrations.Platform.Callers;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;

namespace Integrations.ApiKeys.Authentication;

/// <summary>A key as remembered between requests: enough to authenticate, authorize and rate-limit without the database.</summary>
internal sealed class KnownKey(
    Guid id, Guid workspaceId, string name, byte[] hash, string[] scopes,
    DateTimeOffset? expiresAt, DateTimeOffset? revokedAt, Plan plan, bool isPreviousSecret = false)
{
    public Guid Id { get; } = id;
    public byte[] Hash { get; } = hash;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public DateTimeOffset? RevokedAt { get; } = revokedAt;
    public Plan Plan { get; } = plan;

    /// <summary>Whether this is a rolling key's old secret, working until its grace period ends (<see cref="ExpiresAt"/>).</summary>
    public bool IsPreviousSecret { get; } = isPreviousSecret;

    /// <summary>The caller claims of this key, built once rather than on every request.</summary>
    public IReadOnlyList<Claim> Claims { get; } =
    [
        new(CallerClaims.WorkspaceId, workspaceId.ToString()),
        new(CallerClaims.ActorType, nameof(ActorType.ApiKey)),
        new(CallerClaims.ActorId, PublicId.Format(IdPrefixes.ApiKey, id)),
        new(CallerClaims.ActorName, name),
        .. scopes.Select(scope => new Claim(CallerClaims.Scope, scope)),
    ];
}
