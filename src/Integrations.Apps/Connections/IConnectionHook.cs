namespace Integrations.Apps.Connections;

/// <summary>What an app does at the provider when one of its accounts is connected or disconnected (Calendly registers
/// its webhook subscription, and removes it). Registered per app; at most one per app id.</summary>
internal interface IConnectionHook
{
    string AppId { get; }

    /// <summary>After the connection (new or connected again) was saved; <paramref name="redirectUri"/> is the callback
    /// the connect used, so its origin is where the provider reaches us. Null when all went well, else what went wrong
    /// in words for the admin (the connection stays).</summary>
    Task<string?> ConnectedAsync(AppConnection connection, string redirectUri, CancellationToken ct);

    /// <summary>Before the connection is deleted (and its grant revoked); null when all went well, else what went wrong.</summary>
    Task<string?> DisconnectingAsync(AppConnection connection, CancellationToken ct);
}
