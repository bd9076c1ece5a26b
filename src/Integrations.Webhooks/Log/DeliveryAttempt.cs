using Integrations.Platform.Data;

namespace Integrations.Webhooks.Log;

/// <summary>One POST of a delivery: when, how long, what came back (first 1 KB), or what went wrong.</summary>
internal sealed class DeliveryAttempt : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid DeliveryId { get; init; }
    public Guid SubscriptionId { get; init; }
    public DateTimeOffset AttemptedAt { get; init; }
    public int DurationMs { get; init; }
    public int? StatusCode { get; init; }
    public string? ResponseSnippet { get; init; }
    public string? Error { get; init; }

    /// <summary>The request headers sent (JSON object), signatures included, secrets never.</summary>
    public required string RequestHeaders { get; init; }
}
