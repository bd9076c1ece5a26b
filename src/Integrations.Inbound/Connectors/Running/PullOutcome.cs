namespace Integrations.Inbound.Connectors.Running;

/// <summary>How a run's page walk ended: completed (with the next incremental cursor, if any), or stopped by an error.</summary>
internal sealed record PullOutcome(bool Completed, string? Error, bool RemoteFailure, TimeSpan? RetryAfter, string? NextCursor, bool HitPageCap)
{
    public static PullOutcome Stopped(PageResult page) => new(false, page.Error, page.RemoteFailure, page.RetryAfter, null, false);
}
