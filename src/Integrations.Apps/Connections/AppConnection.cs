using Integrations.Platform.Data;

namespace Integrations.Apps.Connections;

/// <summary>An account of an app the workspace connected (a mailbox, a Slack workspace), with its tokens encrypted.</summary>
internal sealed class AppConnection : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string AppId { get; init; }

    /// <summary>The account's identity at the provider: an email, or Slack's team id. One connection per account.</summary>
    public required string Account { get; init; }

    public required string AccountName { get; set; }
    public List<string> Scopes { get; set; } = [];

    /// <summary>Protected with <c>AppSecrets</c>, as is the refresh token.</summary>
    public required string AccessTokenCiphertext { get; set; }

    public string? RefreshTokenCiphertext { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    /// <summary>The app's connection settings (<c>AppDefinition.Settings</c>) as a JSON object; a <c>secret</c> setting's
    /// value is protected with <c>AppSecrets</c>.</summary>
    public string Settings { get; set; } = "{}";

    public string Status { get; set; } = ConnectionStatus.Active;
    public string? LastError { get; set; }

    /// <summary>The admin (user id) who last connected the account.</summary>
    public required string ConnectedBy { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
