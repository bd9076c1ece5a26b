using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Posts;

/// <summary>
/// Claims posts in one statement (committed on its own, before any provider is called): due <c>scheduled</c> rows move
/// to <c>publishing</c> with the attempt counted and a lease; <c>publishing</c> rows whose lease ran out (their worker is
/// gone) get a new lease for the one reconciling them. Rows another worker holds are skipped (SKIP LOCKED).
/// </summary>
internal sealed class PostClaim(IntegrationsDbContext db, TimeProvider clock)
{
    /// <param name="only">Just this post, when it is due (the job scheduled at its time); else any due, oldest first.</param>
    public async Task<List<ScheduledPost>> DueAsync(Guid? only, int batch, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await db.Database.SqlQuery<Guid>(
            $"""
            WITH due AS (
                SELECT id FROM scheduled_posts
                WHERE status = 'scheduled' AND publish_at <= {now} AND ({only}::uuid IS NULL OR id = {only})
                ORDER BY publish_at LIMIT {batch}
                FOR UPDATE SKIP LOCKED
            )
            UPDATE scheduled_posts p SET status = 'publishing', attempts = p.attempts + 1, lease_until = {now + lease}, updated_at = {now}
            FROM due WHERE p.id = due.id
            RETURNING p.id AS "Value"
            """).ToListAsync(ct);
        return await LoadAsync(ids, ct);
    }

    /// <summary><c>publishing</c> posts whose lease ran out, leased again to the caller.</summary>
    public async Task<List<ScheduledPost>> InterruptedAsync(int batch, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var ids = await db.Database.SqlQuery<Guid>(
            $"""
            WITH gone AS (
                SELECT id FROM scheduled_posts
                WHERE status = 'publishing' AND lease_until < {now}
                ORDER BY lease_until LIMIT {batch}
                FOR UPDATE SKIP LOCKED
            )
            UPDATE scheduled_posts p SET lease_until = {now + lease}, updated_at = {now}
            FROM gone WHERE p.id = gone.id
            RETURNING p.id AS "Value"
            """).ToListAsync(ct);
        return await LoadAsync(ids, ct);
    }

    private Task<List<ScheduledPost>> LoadAsync(List<Guid> ids, CancellationToken ct) => ids.Count == 0
        ? Task.FromResult(new List<ScheduledPost>())
        : db.Set<ScheduledPost>().IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.PublishAt).ToListAsync(ct);
}
