namespace Integrations.Apps.Clients;

/// <summary>The OAuth client an app connects with, never its secret. <c>source</c>: <c>workspace</c> (entered on the
/// app's page), <c>configuration</c> (platform-wide, <c>Sentinel:Apps:{id}:ClientId</c>) or <c>none</c>.
/// <c>signing_secret_set</c> (Slack): whether that client comes with the signing secret its events are checked with.</summary>
public sealed record AppClientView(string Source, string? ClientId, bool SecretSet, bool SigningSecretSet = false)
{
    public const string Workspace = "workspace";
    public const string Configuration = "configuration";
    public const string None = "none";
}

/// <summary>What the app's page saves: the client id, and the secret (left empty, the stored one is kept while the
/// client id stays the same); for Slack, the signing secret (left empty, kept likewise; dropped with a new client id).</summary>
public sealed record AppClientRequest(string? ClientId, string? ClientSecret, string? SigningSecret = null);

/// <summary>The OAuth client to use, secret decrypted: for the connect flow and token requests only.</summary>
internal sealed record OAuthClient(string ClientId, string ClientSecret);
