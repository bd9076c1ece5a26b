using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Platform.Callers;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Imports.Running;

/// <summary>
/// Writes an import's chunks on up to <c>count</c> connections at once, each lane a scope of its own (DbContext,
/// caller, pipeline) acting as the job's starter. Postgres does most of an import's work, on one core per
/// connection: with one chunk at a time, half of this machine sat idle. Chunks may commit out of order;
/// <see cref="ImportProgress"/> keeps track. Rows about the same record (a key in two chunks) are still applied in
/// file order: a chunk that shares a key with one being written waits for it, so the later row wins, as it would one
/// chunk at a time.
/// </summary>
internal sealed class ChunkLanes : IAsyncDisposable
{
    private readonly List<(AsyncServiceScope Scope, ImportChunkWriter Writer)> idle = [];
    private readonly List<(AsyncServiceScope Scope, ImportChunkWriter Writer, Task<ChunkWrite> Write, HashSet<string> Keys)> busy = [];
    private readonly ImportJob job;
    private readonly RecordType type;
    private readonly ImportCommands commands;

    public ChunkLanes(IServiceScopeFactory scopes, ImportJob job, RecordType type, ImportCommands commands, int count)
    {
        (this.job, this.type, this.commands) = (job, type, commands);
        for (var i = 0; i < Math.Max(1, count); i++)
        {
            var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<Caller>()
                .Act(job.WorkspaceId, job.StartedByType, job.StartedById, job.StartedByName, ChangeSource.Import);
            idle.Add((scope, scope.ServiceProvider.GetRequiredService<ImportChunkWriter>()));
        }
    }

    /// <summary>Starts writing <paramref name="chunk"/> once a lane is free; <see cref="ChunkWrite.Stored"/> while every
    /// chunk so far was stored, else why one was not (and nothing more should be started).</summary>
    public async Task<ChunkWrite> StartAsync(ImportChunk chunk, HashSet<string> keys, CancellationToken ct)
    {
        while (true)
        {
            var sharing = busy.Find(b => b.Keys.Overlaps(keys)).Write;
            if (sharing is null && idle.Count > 0)
            {
                break;
            }

            if (await NextDoneAsync(sharing) is not ChunkWrite.Stored and var stopped)
            {
                return stopped;
            }
        }

        var (scope, writer) = idle[^1];
        idle.RemoveAt(idle.Count - 1);
        busy.Add((scope, writer, Task.Run(() => writer.WriteAsync(job, type, commands, chunk, ct), ct), keys));
        return ChunkWrite.Stored;
    }

    /// <summary>Waits for every chunk started; the first reason one was not stored, if any.</summary>
    public async Task<ChunkWrite> FinishAsync()
    {
        var result = ChunkWrite.Stored;
        while (busy.Count > 0)
        {
            if (await NextDoneAsync() is not ChunkWrite.Stored and var stopped && result == ChunkWrite.Stored)
            {
                result = stopped;
            }
        }

        return result;
    }

    /// <summary>Waits for <paramref name="chunk"/>, or for any chunk when null, and frees its lane.</summary>
    private async Task<ChunkWrite> NextDoneAsync(Task<ChunkWrite>? chunk = null)
    {
        var done = chunk ?? await Task.WhenAny(busy.Select(b => b.Write));
        await Task.WhenAny(done); // ends with it, without throwing: its lane is freed first
        var index = busy.FindIndex(b => b.Write == done);
        var (scope, writer, _, _) = busy[index];
        busy.RemoveAt(index);
        idle.Add((scope, writer));
        return await done;
    }

    /// <summary>Lets running chunks end (a failed one may leave the other running) before their scopes go.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, _, write, _) in busy)
        {
            try
            {
                await write;
            }
            catch (Exception)
            {
                // Already reported by the chunk that failed first; this one's transaction is rolled back.
            }
        }

        foreach (var scope in busy.Select(b => b.Scope).Concat(idle.Select(i => i.Scope)))
        {
            await scope.DisposeAsync();
        }
    }
}
