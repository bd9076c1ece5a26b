namespace Integrations.Webhooks;

internal static class WebhookScopes
{
    public const string Read = "webhooks:read";
    public const string Write = "webhooks:write";
    public const string PublishEvents = "events:publish";
}
