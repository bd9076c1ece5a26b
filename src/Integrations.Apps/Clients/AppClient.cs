using Integrations.Platform.Data;

namespace Integrations.Apps.Clients;

/// <summary>A workspace's own OAuth client for an app (registered with the provider by the workspace's admin).</summary>
internal sealed class AppClient : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string AppId { get; init; }
    public required string ClientId { get; set; }

    /// <summary>The client secret, protected with <c>AppSecrets</c>.</summary>
    public required string SecretCiphertext { get; set; }

    /// <summary>Slack only: the signing secret of the workspace's Slack app (its Events API requests), protected with
    /// <c>AppSecrets</c>; null when none was entered.</summary>
    public string? SigningSecretCiphertext { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
