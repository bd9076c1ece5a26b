namespace Integrations.Apps.Connect;

/// <summary>Where "Connect" sends the admin's browser, or why it cannot.</summary>
public sealed record ConnectStart(string? AuthorizeUrl, string? Error);

/// <summary>What the callback did: <see cref="Connected"/> with the account, or a message saying why nothing was stored.
/// <see cref="AppId"/> is known once the state was.</summary>
public sealed record ConnectOutcome(bool Connected, string? AppId, string Message)
{
    internal static ConnectOutcome Refused(string message, string? appId = null) => new(false, appId, message);
}

/// <summary>The query the provider sent the browser back with.</summary>
public sealed record ConnectCallback(string? Code, string? State, string? Error, string? ErrorDescription);
