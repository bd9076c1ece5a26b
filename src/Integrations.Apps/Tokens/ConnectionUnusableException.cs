namespace Integrations.Apps.Tokens;

/// <summary>The connection cannot call its provider: the grant is gone (<c>needs_reauth</c>), it was disconnected, or a
/// refresh failed and the token it has expired. <see cref="Exception.Message"/> says which, for the admin.</summary>
internal sealed class ConnectionUnusableException(string message, bool transient) : Exception(message)
{
    /// <summary>True when trying later may work (the token URL failed); false when an admin must connect again.</summary>
    public bool Transient { get; } = transient;
}
