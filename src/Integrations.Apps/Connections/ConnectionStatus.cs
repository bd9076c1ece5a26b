namespace Integrations.Apps.Connections;

/// <summary>A connection's state: <c>active</c>; <c>refresh_failing</c> (the provider answers a refresh with errors
/// that may pass); <c>needs_reauth</c> (the grant is gone: connect again); <c>disconnected</c>.</summary>
public static class ConnectionStatus
{
    public const string Active = "active";
    public const string RefreshFailing = "refresh_failing";
    public const string NeedsReauth = "needs_reauth";
    public const string Disconnected = "disconnected";
}
