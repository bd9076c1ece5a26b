using Integrations.Platform.Data;

namespace Integrations.Inbound.Connectors;

/// <summary>One run of a connector with its counts. A queued or running row is also the connector's lock: a partial
/// unique index allows one per connector, so two runs of one connector never overlap.</summary>
internal sealed class ConnectorRun : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid ConnectorId { get; init; }
    public required string Trigger { get; init; }
    public string Status { get; set; } = RunStatus.Queued;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Last sign of life; a queued or running row that stopped beating long ago belongs to a dead process.</summary>
    public DateTimeOffset HeartbeatAt { get; set; }

    public int PagesFetched { get; set; }
    public int ItemsFetched { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    public string? Error { get; set; }

    /// <summary>The first few item failures, as JSON (<see cref="ItemError"/>).</summary>
    public string ItemErrors { get; set; } = "[]";

    /// <summary>The incremental cursor this run sent, and the one it saved (null when it saved none).</summary>
    public string? CursorSent { get; set; }

    public string? CursorSaved { get; set; }
}

/// <summary>One item that could not be written: its page, its place on the page, and why.</summary>
public sealed record ItemError(int Page, int Index, string Message);

internal static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string PartiallyFailed = "partially_failed";
    public const string Failed = "failed";
}

internal static class RunTrigger
{
    public const string Schedule = "schedule";
    public const string Manual = "manual";
}
