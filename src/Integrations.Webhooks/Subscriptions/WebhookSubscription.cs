using Integrations.Platform.Data;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>An endpoint that receives signed POSTs for the event types it subscribes to.</summary>
internal sealed class WebhookSubscription : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    public required string Url { get; set; }
    public required string[] Events { get; set; }
    public SubscriptionStatus Status { get; set; }
    public RetryPolicy RetryPolicy { get; set; }

    /// <summary>The signing secret, protected with ASP.NET Core Data Protection; never logged, shown once.</summary>
    public required string SecretCiphertext { get; set; }

    /// <summary>After a rotation the old secret signs too, until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecretCiphertext { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Start of the current run of failures; null while deliveries succeed.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>When the replay that is queued or running began (one at a time per webhook), and its job; null when none.</summary>
    public DateTimeOffset? ReplayStartedAt { get; set; }
    public string? ReplayJobId { get; set; }

    /// <summary>The throttle an admin set: at most this many deliveries started per second, all instances together; null: no cap.</summary>
    public int? MaxPerSecond { get; set; }

    /// <summary>At most this many deliveries in flight at once, all instances together; null: <c>MaxConcurrencyPerEndpoint</c> per instance.</summary>
    public int? MaxInFlight { get; set; }

    /// <summary>The AIMD window below the in-flight maximum after connection errors and timeouts; null when at the maximum.</summary>
    public double? InFlightWindow { get; set; }

    /// <summary>The per-second budget: the second (Unix, database clock) it is for and how much of it the claims took.</summary>
    public long RateSecond { get; set; }
    public int RateUsed { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
