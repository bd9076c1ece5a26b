using System.Threading.Channels;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Integrations.Automation.Runs;

/// <summary>
/// Writes the progress of many runs together: each run hands over its finished step runs and its new state, and waits
/// until they are committed; one loop writes whatever has gathered in one batch of two set-based statements (as the
/// webhook dispatcher writes its attempts), so a thousand runs a second are a few dozen round trips, not thousands.
/// </summary>
internal sealed partial class RunProgress(IServiceScopeFactory scopes, ILogger<RunProgress> log) : IAsyncDisposable
{
    private const int WriteBatch = 500;

    private const string InsertStepRuns =
        """
        INSERT INTO workflow_step_runs (id, workspace_id, run_id, step_id, step_type, attempt, status, input, output,
                                        idempotency_key, started_at, finished_at, duration_ms)
        SELECT u.id, u.workspace_id, u.run_id, u.step_id, u.step_type, u.attempt, u.status, u.input::jsonb, u.output::jsonb,
               u.idempotency_key, u.started_at, u.finished_at, u.duration_ms
        FROM unnest(@s_ids, @s_workspaces, @s_runs, @s_steps, @s_types, @s_attempts, @s_statuses, @s_inputs, @s_outputs,
                    @s_keys, @s_started, @s_finished, @s_durations)
             AS u(id, workspace_id, run_id, step_id, step_type, attempt, status, input, output, idempotency_key, started_at,
                  finished_at, duration_ms)
        ON CONFLICT (run_id, step_id, attempt) DO NOTHING
        """;

    private const string UpdateRuns =
        """
        UPDATE workflow_runs r
        SET status = u.status, current_step_id = u.current_step_id, due_at = u.due_at, lease_until = u.lease_until,
            steps = u.steps::jsonb, error = NULL, attempts = 0, attempt_base = 0, finished_at = u.finished_at
        FROM unnest(@r_ids, @r_statuses, @r_current, @r_due, @r_lease, @r_steps, @r_finished)
             AS u(id, status, current_step_id, due_at, lease_until, steps, finished_at)
        WHERE r.id = u.id
        """;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private Task? writing;

    /// <summary>Saves <paramref name="stepRuns"/> (finished) and <paramref name="run"/>'s state after them; returns once
    /// committed, or throws when they could not be written (the run's lease then runs out and it is claimed again).</summary>
    public Task SaveAsync(WorkflowRun run, IReadOnlyList<WorkflowStepRun> stepRuns)
    {
        EnsureWriting();
        var pending = new Pending(Snapshot.Of(run), [.. stepRuns], new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Saved.TrySetException(new OperationCanceledException("Shutting down: the run's progress was not written."));
        }

        return pending.Saved.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (writing is not null)
        {
            await writing;
        }
    }

    private void EnsureWriting()
    {
        if (writing is not null)
        {
            return;
        }

        lock (gate)
        {
            writing ??= Task.Run(WriteLoopAsync);
        }
    }

    private async Task WriteLoopAsync()
    {
        string connectionString;
        await using (var scope = scopes.CreateAsyncScope())
        {
            connectionString = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database.GetConnectionString()
                ?? throw new InvalidOperationException("The database has no connection string.");
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var batch = new List<Pending>(WriteBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < WriteBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteAsync(dataSource, batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(NpgsqlDataSource dataSource, List<Pending> batch)
    {
        var failed = await BatchWrite.TryAsync(dataSource, async connection =>
        {
            await using var command = Batch(connection, batch);
            await command.ExecuteNonQueryAsync();
        }, error => WriteRetrying(error, batch.Count));
        if (failed is not null)
        {
            WriteFailed(failed, batch.Count);
        }

        foreach (var pending in batch)
        {
            if (failed is null)
            {
                pending.Saved.TrySetResult();
            }
            else
            {
                pending.Saved.TrySetException(failed);
            }
        }
    }

    private static NpgsqlBatch Batch(NpgsqlConnection connection, List<Pending> batch)
    {
        var steps = batch.SelectMany(p => p.StepRuns).ToArray();
        var runs = batch.Select(p => p.Run).ToArray();
        var command = new NpgsqlBatch(connection);
        if (steps.Length > 0)
        {
            command.BatchCommands.Add(Command(InsertStepRuns,
                P("s_ids", steps.Select(s => s.Id).ToArray()),
                P("s_workspaces", steps.Select(s => s.WorkspaceId).ToArray()),
                P("s_runs", steps.Select(s => s.RunId).ToArray()),
                Texts("s_steps", steps.Select(s => s.StepId)),
                Texts("s_types", steps.Select(s => s.StepType)),
                P("s_attempts", steps.Select(s => s.Attempt).ToArray()),
                Texts("s_statuses", steps.Select(s => s.Status)),
                Texts("s_inputs", steps.Select(s => s.Input)),
                Texts("s_outputs", steps.Select(s => s.Output)),
                Texts("s_keys", steps.Select(s => s.IdempotencyKey)),
                P("s_started", steps.Select(s => s.StartedAt).ToArray()),
                P("s_finished", steps.Select(s => s.FinishedAt).ToArray()),
                P("s_durations", steps.Select(s => s.DurationMs).ToArray())));
        }

        command.BatchCommands.Add(Command(UpdateRuns,
            P("r_ids", runs.Select(r => r.Id).ToArray()),
            Texts("r_statuses", runs.Select(r => r.Status)),
            Texts("r_current", runs.Select(r => r.CurrentStepId)),
            P("r_due", runs.Select(r => r.DueAt).ToArray()),
            P("r_lease", runs.Select(r => r.LeaseUntil).ToArray()),
            Texts("r_steps", runs.Select(r => r.Steps)),
            P("r_finished", runs.Select(r => r.FinishedAt).ToArray())));
        return command;
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter P<T>(string name, T value) => new NpgsqlParameter<T>(name, value);

    private static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() };

    [LoggerMessage(LogLevel.Warning, "Recording the progress of {RunCount} workflow runs failed; retrying")]
    private partial void WriteRetrying(Exception error, int runCount);

    [LoggerMessage(LogLevel.Error, "Recording the progress of {RunCount} workflow runs failed; their leases will expire and they will be claimed again")]
    private partial void WriteFailed(Exception error, int runCount);

    private sealed record Pending(Snapshot Run, WorkflowStepRun[] StepRuns, TaskCompletionSource Saved);

    /// <summary>The run's state as it is handed over (the run goes on changing in its stepper).</summary>
    private sealed record Snapshot(Guid Id, string Status, string? CurrentStepId, DateTimeOffset DueAt, DateTimeOffset? LeaseUntil,
        string Steps, DateTimeOffset? FinishedAt)
    {
        public static Snapshot Of(WorkflowRun run) =>
            new(run.Id, run.Status, run.CurrentStepId, run.DueAt, run.LeaseUntil, run.Steps, run.FinishedAt);
    }
}
