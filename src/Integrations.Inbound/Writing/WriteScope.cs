using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Integrations.Inbound.Writing;

/// <summary>
/// The writer's all-or-nothing unit: its own transaction, or a savepoint in the caller's when one is open, so a
/// failed write is undone either way and a caller's transaction survives it.
/// </summary>
internal sealed class WriteScope : IAsyncDisposable
{
    private const string Savepoint = "inbound_write";

    private readonly IDbContextTransaction transaction;
    private readonly bool owned;

    private WriteScope(IDbContextTransaction transaction, bool owned)
    {
        this.transaction = transaction;
        this.owned = owned;
    }

    public static async Task<WriteScope> BeginAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, ct);
            return new WriteScope(outer, owned: false);
        }

        return new WriteScope(await db.Database.BeginTransactionAsync(ct), owned: true);
    }

    public Task CommitAsync(CancellationToken ct) =>
        owned ? transaction.CommitAsync(ct) : transaction.ReleaseSavepointAsync(Savepoint, ct);

    public Task RollbackAsync(CancellationToken ct) =>
        owned ? transaction.RollbackAsync(ct) : transaction.RollbackToSavepointAsync(Savepoint, ct);

    public ValueTask DisposeAsync() => owned ? transaction.DisposeAsync() : ValueTask.CompletedTask;
}
