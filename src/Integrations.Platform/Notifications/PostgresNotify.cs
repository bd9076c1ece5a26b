using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Integrations.Platform.Notifications;

public static class PostgresNotify
{
    /// <summary>
    /// Sends a NOTIFY on <paramref name="channel"/> in the current transaction: Postgres delivers it on commit, so a
    /// listener woken by it already sees the change (and never sees one that rolled back).
    /// </summary>
    public static Task NotifyAsync(this DatabaseFacade database, string channel, string payload, CancellationToken ct) =>
        database.ExecuteSqlAsync($"SELECT pg_notify({channel}, {payload})", ct);
}
