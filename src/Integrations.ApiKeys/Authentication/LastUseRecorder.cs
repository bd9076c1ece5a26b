using System.Collections.Concurrent;

namespace Integrations.ApiKeys.Authentication;

/// <summary>
/// When each key was last used, in memory: a request costs a dictionary write, not a database write.
/// <see cref="LastUseFlusher"/> saves the pending times in one statement now and then.
/// </summary>
internal sealed class LastUseRecorder
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> pending = new();

    public void Record(Guid keyId, DateTimeOffset at) => pending[keyId] = at;

    /// <summary>A use not yet saved, fresher than what the database holds.</summary>
    public DateTimeOffset? Pending(Guid keyId) => pending.TryGetValue(keyId, out var at) ? at : null;

    public KeyValuePair<Guid, DateTimeOffset>[] Snapshot() => pending.ToArray();

    /// <summary>Drops the saved times, unless a newer use came in while saving.</summary>
    public void Saved(IEnumerable<KeyValuePair<Guid, DateTimeOffset>> saved)
    {
        foreach (var use in saved)
        {
            pending.TryRemove(use);
        }
    }
}
