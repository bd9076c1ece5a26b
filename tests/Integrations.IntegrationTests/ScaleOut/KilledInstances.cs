using System.Diagnostics;
using Integrations.Testing;

namespace Integrations.IntegrationTests.ScaleOut;

/// <summary>
/// App processes on one database, each in a slot: one can be killed (SIGKILL: nothing flushed, leases held) and its slot
/// started again after a random pause. Remembers when each kill happened, on the receiver's clock (Stopwatch).
/// </summary>
internal sealed class KilledInstances(string connectionString, IReadOnlyDictionary<string, string> settings, Random random) : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<AppProcess?> slots = [];
    private readonly List<AppProcess> started = [];
    private readonly List<long> kills = [];
    private readonly System.Collections.Concurrent.ConcurrentBag<Task> restarts = [];
    private bool disposed;

    public IReadOnlyList<long> Kills
    {
        get
        {
            lock (gate)
            {
                return [.. kills];
            }
        }
    }

    public async Task StartAsync(int count)
    {
        var first = await AppProcess.StartLiveAsync(count, connectionString, settings, TimeSpan.FromSeconds(120));
        lock (gate)
        {
            slots.AddRange(first);
            started.AddRange(first);
        }
    }

    /// <summary>How many instances answer now.</summary>
    public int Running
    {
        get
        {
            lock (gate)
            {
                return slots.Count(s => s is { HasExited: false });
            }
        }
    }

    /// <summary>A running instance, at random (null for a moment while all are being restarted).</summary>
    public AppProcess? AnyLive()
    {
        lock (gate)
        {
            var live = slots.Where(s => s is { HasExited: false }).ToList();
            return live.Count == 0 ? null : live[random.Next(live.Count)];
        }
    }

    /// <summary>The instance whose process id is <paramref name="pid"/>, if it still runs.</summary>
    public AppProcess? WithId(int pid)
    {
        lock (gate)
        {
            return slots.FirstOrDefault(s => s is { HasExited: false } && s.Id == pid);
        }
    }

    /// <summary>
    /// Kills <paramref name="target"/> (a random running instance when null; none when only one runs) and starts its slot
    /// again in the background after 0.5–2 s; the slot counts as running once the new instance answers.
    /// </summary>
    public void KillAndRestart(AppProcess? target = null)
    {
        int slot;
        TimeSpan pause;
        lock (gate)
        {
            var running = slots.OfType<AppProcess>().Where(s => !s.HasExited).ToList();
            if (target is null && running.Count < 2)
            {
                return;
            }

            target ??= running[random.Next(running.Count)];
            slot = slots.IndexOf(target);
            slots[slot] = null;
            target.Kill();
            // Once it is gone: POSTs it sent just before can still reach a receiver's handler after the kill began.
            kills.Add(Stopwatch.GetTimestamp());
            pause = TimeSpan.FromMilliseconds(random.Next(500, 2000));
        }

        restarts.Add(Task.Run(async () =>
        {
            await Task.Delay(pause);
            AppProcess next;
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                next = AppProcess.Start(connectionString, settings);
                started.Add(next);
            }

            await next.WaitUntilLiveAsync(TimeSpan.FromSeconds(120));
            lock (gate)
            {
                slots[slot] = next;
            }
        }));
    }

    /// <summary>Waits until every killed slot runs again.</summary>
    public Task RestartedAsync() => Task.WhenAll(restarts);

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            started.ForEach(s => s.Dispose());
            slots.Clear();
        }
    }
}
