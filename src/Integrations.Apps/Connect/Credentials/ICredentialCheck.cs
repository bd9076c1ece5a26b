using System.Text.Json.Nodes;
using Integrations.Apps.Catalogue;

namespace Integrations.Apps.Connect.Credentials;

/// <summary>How an app with a credential form (<c>auth.kind: credentials</c>) checks what an admin entered, by calling
/// the provider with it, before anything is stored; and what it keeps beside it.</summary>
internal interface ICredentialCheck
{
    string AppId { get; }

    /// <summary>The account the credentials belong to, or errors keyed <c>credentials.{field}</c> for the admin.</summary>
    Task<CredentialCheck> CheckAsync(AppDefinition app, JsonObject values, CancellationToken ct);

    /// <summary>Adds what the app keeps beside the entered fields to the connection's settings (kept on a reconnect).</summary>
    void Complete(JsonObject settings)
    {
    }
}

/// <summary>The provider's answer to the credentials: the account, or why they are refused (by field).</summary>
internal sealed record CredentialCheck(ConnectedAccount? Account, Dictionary<string, string[]> Errors)
{
    public static CredentialCheck Refused(string field, string message) => new(null, new() { ["credentials." + field] = [message] });
}
