using Integrations.Platform.Ids;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// Writes a batch of attempts back in one round trip, set-based: the attempt log rows, each delivery's new state
/// (lease released, so it no longer counts as in flight), each endpoint's failure run (auto-pause after 48 h), 410
/// Gone disabling an endpoint with its pending deliveries failed, and each endpoint's in-flight window (AIMD). One
/// batch of statements is one implicit transaction.
/// </summary>
internal sealed class DeliveryResults(TimeProvider clock, IOptionsMonitor<WebhookOptions> options)
{
    public const string GoneReason = "The endpoint answered 410 Gone";
    public const string PausedReason = "Paused after failing continuously for 48 hours";

    private const string InsertAttempts =
        """
        INSERT INTO webhook_delivery_attempts (id, workspace_id, delivery_id, subscription_id, attempted_at, duration_ms,
                                               status_code, response_snippet, error, request_headers)
        SELECT u.id, u.workspace_id, u.delivery_id, u.subscription_id, u.attempted_at, u.duration_ms, u.status_code,
               u.snippet, u.error, u.headers::jsonb
        FROM unnest(@a_ids, @a_workspaces, @a_deliveries, @a_subscriptions, @a_at, @a_ms, @a_codes, @a_snippets, @a_errors, @a_headers)
             AS u(id, workspace_id, delivery_id, subscription_id, attempted_at, duration_ms, status_code, snippet, error, headers)
        """;

    private const string UpdateDeliveries =
        """
        UPDATE webhook_deliveries d
        SET status = u.status, attempts = u.attempts, next_attempt_at = u.next_attempt_at, last_status_code = u.status_code,
            last_error = u.error, delivered_at = u.delivered_at, lease_until = NULL
        FROM unnest(@d_ids, @d_statuses, @d_attempts, @d_next, @a_codes, @a_errors, @d_delivered)
             AS u(id, status, attempts, next_attempt_at, status_code, error, delivered_at)
        WHERE d.id = u.id AND d.status = 'Pending'
        """;

    // Only rows whose state changes are written, so a healthy endpoint's row is not rewritten by every batch.
    private const string UpdateEndpoints =
        """
        UPDATE webhook_subscriptions s
        SET failing_since = CASE WHEN u.ok THEN NULL ELSE COALESCE(s.failing_since, u.failed_at) END,
            status = CASE WHEN u.gone THEN 'Disabled'
                          WHEN NOT u.ok AND s.retry_policy = 'Standard' AND COALESCE(s.failing_since, u.failed_at) <= @pause_before THEN 'Paused'
                          ELSE s.status END,
            status_reason = CASE WHEN u.gone THEN @gone_reason
                          WHEN NOT u.ok AND s.retry_policy = 'Standard' AND COALESCE(s.failing_since, u.failed_at) <= @pause_before THEN @paused_reason
                          ELSE s.status_reason END,
            updated_at = @now
        FROM unnest(@s_ids, @s_ok, @s_gone, @s_failed_at) AS u(id, ok, gone, failed_at)
        WHERE s.id = u.id AND s.status = 'Active'
          AND (u.gone OR (u.ok AND s.failing_since IS NOT NULL)
               OR (NOT u.ok AND (s.failing_since IS NULL OR s.failing_since <= @pause_before)))
        """;

    // AIMD, once per batch: any timeout or connection error halves the window (floor 1); otherwise each success adds
    // 1/window, about one more slot per window's worth of successes, up to the maximum, where the window is null again
    // (an endpoint without a throttle then goes back to the open claim path). Rows with nothing to change are not written.
    private const string AdjustWindows =
        """
        UPDATE webhook_subscriptions s
        SET in_flight_window = CASE
                WHEN u.unreachable > 0 THEN GREATEST(1, LEAST(COALESCE(s.in_flight_window, s.max_in_flight, @default_max),
                                                              COALESCE(s.max_in_flight, @default_max)) / 2)
                WHEN s.in_flight_window + u.ok::float8 / s.in_flight_window >= COALESCE(s.max_in_flight, @default_max) THEN NULL
                ELSE s.in_flight_window + u.ok::float8 / s.in_flight_window END
        FROM unnest(@w_ids, @w_unreachable, @w_ok) AS u(id, unreachable, ok)
        WHERE s.id = u.id
          AND ((u.unreachable > 0 AND COALESCE(s.in_flight_window, 2) > 1) OR (u.unreachable = 0 AND u.ok > 0 AND s.in_flight_window IS NOT NULL))
        """;

    private const string FailGone =
        """
        UPDATE webhook_deliveries
        SET status = 'Failed', next_attempt_at = NULL, last_error = @gone_reason, lease_until = NULL
        WHERE subscription_id = ANY(@gone) AND status = 'Pending'
        """;

    public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<AttemptResult> results, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var outcomes = results.Select(r => AttemptOutcome.Of(r, now, Random.Shared.NextDouble())).ToArray();
        var endpoints = results.GroupBy(r => r.Delivery.SubscriptionId).Select(g => (
            Id: g.Key,
            Ok: g.Any(r => r.Succeeded),
            Gone: g.Any(r => r.Gone),
            FailedAt: g.Min(r => r.AttemptedAt),
            Unreachable: g.Count(r => r.Unreachable),
            Successes: g.Count(r => r.Succeeded))).OrderBy(e => e.Id).ToArray();
        var gone = endpoints.Where(e => e.Gone).Select(e => e.Id).ToArray();

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(InsertAttempts,
            P("a_ids", PublicId.NewIds(clock, results.Count)),
            P("a_workspaces", results.Select(r => r.Delivery.WorkspaceId).ToArray()),
            P("a_deliveries", results.Select(r => r.Delivery.Id).ToArray()),
            P("a_subscriptions", results.Select(r => r.Delivery.SubscriptionId).ToArray()),
            P("a_at", results.Select(r => r.AttemptedAt).ToArray()),
            P("a_ms", results.Select(r => r.DurationMs).ToArray()),
            P("a_codes", results.Select(r => r.StatusCode).ToArray()),
            P("a_snippets", results.Select(r => r.ResponseSnippet).ToArray()),
            P("a_errors", results.Select(r => r.Error).ToArray()),
            P("a_headers", results.Select(r => r.RequestHeaders).ToArray())));
        batch.BatchCommands.Add(Command(UpdateDeliveries,
            P("d_ids", results.Select(r => r.Delivery.Id).ToArray()),
            P("d_statuses", outcomes.Select(o => o.Status.ToString()).ToArray()),
            P("d_attempts", results.Select(r => r.Delivery.Attempts + 1).ToArray()),
            P("d_next", outcomes.Select(o => o.NextAttemptAt).ToArray()),
            P("a_codes", results.Select(r => r.StatusCode).ToArray()),
            P("a_errors", results.Select(r => r.Error).ToArray()),
            P("d_delivered", results.Select(r => r.Succeeded ? r.AttemptedAt : (DateTimeOffset?)null).ToArray())));
        batch.BatchCommands.Add(Command(UpdateEndpoints,
            P("s_ids", endpoints.Select(e => e.Id).ToArray()),
            P("s_ok", endpoints.Select(e => e.Ok).ToArray()),
            P("s_gone", endpoints.Select(e => e.Gone).ToArray()),
            P("s_failed_at", endpoints.Select(e => e.FailedAt).ToArray()),
            P("pause_before", now - RetrySchedule.AutoPauseAfter),
            P("gone_reason", GoneReason),
            P("paused_reason", PausedReason),
            P("now", now)));
        batch.BatchCommands.Add(Command(AdjustWindows,
            P("w_ids", endpoints.Select(e => e.Id).ToArray()),
            P("w_unreachable", endpoints.Select(e => e.Unreachable).ToArray()),
            P("w_ok", endpoints.Select(e => e.Successes).ToArray()),
            P("default_max", options.CurrentValue.MaxConcurrencyPerEndpoint)));
        if (gone.Length > 0)
        {
            batch.BatchCommands.Add(Command(FailGone, P("gone", gone), P("gone_reason", GoneReason)));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter P<T>(string name, T value) => new NpgsqlParameter<T>(name, value);
}
