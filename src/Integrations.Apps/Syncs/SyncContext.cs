using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;

namespace Integrations.Apps.Syncs;

/// <summary>What a sync's page runs with: the app, the connection (call its API with <c>AppApi</c>), its settings, the
/// checkpoint it resumes from (null on the first sync), and the way to save a page.</summary>
internal sealed class SyncContext(
    AppDefinition app, AppConnection connection, ConnectionSettings settings, string? checkpoint, Func<Func<CancellationToken, Task<int>>, string?, CancellationToken, Task> save)
{
    public AppDefinition App { get; } = app;
    public AppConnection Connection { get; } = connection;
    public ConnectionSettings Settings { get; } = settings;
    public string? Checkpoint { get; private set; } = checkpoint;

    /// <summary>What a sync started reading for its next page while this one was being saved (its own type, keyed by
    /// where that page starts), so the provider's answers and the database write overlap. Reading ahead saves nothing;
    /// a run that ends with a read pending drops it (<see cref="DropAheadAsync"/>).</summary>
    public Task? Ahead { get; set; }

    /// <summary>Runs <paramref name="write"/> (which returns how many items it stored) and saves
    /// <paramref name="checkpoint"/> in the same transaction.</summary>
    public async Task SaveAsync(Func<CancellationToken, Task<int>> write, string? checkpoint, CancellationToken ct)
    {
        await save(write, checkpoint, ct);
        Checkpoint = checkpoint;
    }

    /// <summary>Waits for a pending read-ahead to finish, its answer and any error dropped: the next run reads that page
    /// again from the checkpoint.</summary>
    public async Task DropAheadAsync()
    {
        if (Ahead is { } pending)
        {
            Ahead = null;
            await pending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
