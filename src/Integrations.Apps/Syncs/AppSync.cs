using Integrations.Platform.Data;

namespace Integrations.Apps.Syncs;

/// <summary>
/// One sync of one connection (Gmail's <c>messages</c>, Outlook's <c>mail</c> and <c>events</c>): where it got to
/// (the provider's checkpoint: a history id, a delta link, a sync token, a date), when it runs next, and how it went.
/// The row is also the sync's lock: a run claims it by moving it to <c>running</c> with a heartbeat.
/// </summary>
internal sealed class AppSync : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid ConnectionId { get; init; }
    public required string SyncId { get; init; }

    /// <summary>Opaque to the runner; saved in the same transaction as the page of records it follows.</summary>
    public string? Checkpoint { get; set; }

    public string Status { get; set; } = SyncStatus.Idle;
    public DateTimeOffset NextRunAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public long ItemsSynced { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
}

/// <summary><c>idle</c> (waiting for <see cref="AppSync.NextRunAt"/>), <c>queued</c> ("Sync now"), <c>running</c>.</summary>
internal static class SyncStatus
{
    public const string Idle = "idle";
    public const string Queued = "queued";
    public const string Running = "running";
}
