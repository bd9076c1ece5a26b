namespace Integrations.Inbound;

/// <summary>
/// The scopes inbound sources and pull connectors are managed with. They are the webhook scopes, which the Webhooks
/// module declares and describes (this module cannot see it); they get scopes of their own with issue 15.
/// </summary>
public static class InboundScopes
{
    public const string Read = "webhooks:read";
    public const string Write = "webhooks:write";
}
