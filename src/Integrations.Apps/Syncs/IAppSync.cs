namespace Integrations.Apps.Syncs;

/// <summary>
/// One sync an app offers (its catalogue entry's <c>syncs</c>): reads one page from the provider after the context's
/// checkpoint, then hands what it read and the next checkpoint to <see cref="SyncContext.SaveAsync"/>, which writes
/// them in one transaction. A crash between pages resumes from the last saved checkpoint; writes are idempotent per
/// external id, so a page read twice is not stored twice.
/// </summary>
internal interface IAppSync
{
    string AppId { get; }
    string SyncId { get; }

    /// <summary>Reads and saves one page; <c>true</c> while there are more pages to read now.</summary>
    Task<bool> RunPageAsync(SyncContext context, CancellationToken ct);
}
