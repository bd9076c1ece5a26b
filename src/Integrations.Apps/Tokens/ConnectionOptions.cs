namespace Integrations.Apps.Tokens;

/// <summary><c>Sentinel:Connections</c>: when tokens are refreshed (or their coming expiry announced), how many at once, how often syncs run, and how long a provider may take to answer.</summary>
internal sealed class ConnectionOptions
{
    /// <summary>A token expiring within this margin is refreshed before it is used.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many refreshes the recurring job runs at once (all instances' jobs share the per-connection locks).</summary>
    public int RefreshConcurrency { get; set; } = 8;

    /// <summary>How long after a sync ends the next one starts.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Pages one run reads before it yields to the others (it is queued again at once).</summary>
    public int SyncPagesPerRun { get; set; } = 50;

    /// <summary>How long one call to a provider (token, API, revoke) may take before it is given up as not answering.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long before a token that cannot renew itself expires <c>app.connection.expiring</c> is sent.</summary>
    public TimeSpan ExpiringNotice { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A running sync without a heartbeat for this long was left by a process that died: it is claimed again.</summary>
    public TimeSpan StaleSyncAfter { get; set; } = TimeSpan.FromMinutes(5);
}
