using Integrations.Platform.Data;

namespace Integrations.Apps.Connect;

/// <summary>A consent round trip under way: the <c>state</c> sent to the provider (stored hashed) and what it is bound
/// to. Consumed once, by the callback; worthless after <see cref="ExpiresAt"/>.</summary>
internal sealed class ConnectState : IWorkspaceScoped
{
    public required string StateHash { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string AdminId { get; init; }
    public required string AppId { get; init; }

    /// <summary>The PKCE code verifier, protected with <c>AppSecrets</c>; null when the app takes no PKCE.</summary>
    public string? VerifierCiphertext { get; init; }

    public required string RedirectUri { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
