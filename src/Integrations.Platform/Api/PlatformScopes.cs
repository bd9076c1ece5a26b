namespace Integrations.Platform.Api;

/// <summary>The scopes of the platform's own endpoints (events, audit trail) and the one that allows everything.</summary>
public static class PlatformScopes
{
    public const string EventsPublish = "events:publish";
    public const string EventsRead = "events:read";
    public const string AuditRead = "audit:read";
    public const string Admin = "admin";

    public static IReadOnlyList<ApiScope> All { get; } =
    [
        new(EventsPublish, "Publish custom events to webhook subscribers."),
        new(EventsRead, "List the workspace's events (each also needs its type's read scope, as webhooks do)."),
        new(AuditRead, "Read the audit trail."),
    ];

    /// <summary><c>admin</c>, last in the catalogue.</summary>
    public static ApiScope Everything { get; } = new(Admin, "Everything, including every scope above and any added later.");
}
