namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// The claim's SQL. Open endpoints (no throttle, full window) take the original path; a throttled endpoint is claimed
/// with its row locked first, in a statement of its own, so the next statement's fresh snapshot counts what every
/// dispatcher has in flight for it and no other dispatcher can take the same room until this one commits.
/// </summary>
internal static class ClaimStatements
{
    private const string Throttled = "(s.max_per_second IS NOT NULL OR s.max_in_flight IS NOT NULL OR s.in_flight_window IS NOT NULL)";

    private const string Returning =
        """
        RETURNING d.id, d.workspace_id, d.event_id, d.body, d.attempts, s.id, s.workspace_id, s.url, s.retry_policy,
                  s.secret_ciphertext, s.previous_secret_ciphertext, s.previous_secret_expires_at
        """;

    public const string Open =
        $"""
        WITH due AS (
            SELECT d.id, s.id AS subscription_id
            FROM webhook_subscriptions s
            CROSS JOIN LATERAL (
                SELECT d.id FROM webhook_deliveries d
                WHERE d.subscription_id = s.id AND d.status = 'Pending' AND d.next_attempt_at <= @now
                  AND (d.lease_until IS NULL OR d.lease_until < @now)
                ORDER BY d.next_attempt_at
                LIMIT @per_endpoint
                FOR UPDATE SKIP LOCKED
            ) d
            WHERE s.status = 'Active' AND s.id <> ALL(@busy) AND NOT {Throttled}
            LIMIT @batch
        )
        UPDATE webhook_deliveries d SET lease_until = @lease_until
        FROM due JOIN webhook_subscriptions s ON s.id = due.subscription_id
        WHERE d.id = due.id
        {Returning}
        """;

    /// <summary>Throttled endpoints with something due, and whether this second's budget is spent (then the milliseconds
    /// left in the second, by the database's clock, which every instance shares).</summary>
    public const string ThrottledDue =
        $"""
        SELECT s.id, s.max_per_second IS NOT NULL AND s.rate_used >= s.max_per_second
                     AND s.rate_second = floor(extract(epoch FROM statement_timestamp()))::bigint,
               1000 - (extract(milliseconds FROM statement_timestamp())::int % 1000)
        FROM webhook_subscriptions s
        WHERE s.status = 'Active' AND {Throttled}
          AND EXISTS (SELECT 1 FROM webhook_deliveries d
                      WHERE d.subscription_id = s.id AND d.status = 'Pending' AND d.next_attempt_at <= @now
                        AND (d.lease_until IS NULL OR d.lease_until < @now))
        """;

    // Ordered, so two dispatchers locking the same endpoints cannot deadlock.
    public const string Lock = "SELECT id FROM webhook_subscriptions WHERE id = ANY(@endpoints) ORDER BY id FOR UPDATE";

    /// <summary>
    /// Each locked endpoint's room: the least of the per-claim cap, its window (or maximum) less what is leased now by
    /// anyone, and what is left of its budget for this second; the budget spent in the same statement.
    /// </summary>
    public const string ClaimThrottled =
        $"""
        WITH clock AS (SELECT floor(extract(epoch FROM statement_timestamp()))::bigint AS second),
        room AS (
            SELECT s.id, LEAST(@per_endpoint,
                floor(LEAST(COALESCE(s.in_flight_window, s.max_in_flight, @per_endpoint), COALESCE(s.max_in_flight, @per_endpoint)))::int
                  - (SELECT count(*) FROM webhook_deliveries l
                     WHERE l.subscription_id = s.id AND l.status = 'Pending' AND l.lease_until IS NOT NULL AND l.lease_until >= @now)::int,
                CASE WHEN s.max_per_second IS NULL THEN @per_endpoint
                     WHEN s.rate_second = clock.second THEN s.max_per_second - s.rate_used
                     ELSE s.max_per_second END) AS room
            FROM webhook_subscriptions s CROSS JOIN clock
            WHERE s.id = ANY(@endpoints) AND s.status = 'Active' AND {Throttled}
        ),
        due AS (
            SELECT d.id, room.id AS subscription_id
            FROM room
            CROSS JOIN LATERAL (
                SELECT d.id FROM webhook_deliveries d
                WHERE d.subscription_id = room.id AND d.status = 'Pending' AND d.next_attempt_at <= @now
                  AND (d.lease_until IS NULL OR d.lease_until < @now)
                ORDER BY d.next_attempt_at
                LIMIT GREATEST(room.room, 0)
                FOR UPDATE SKIP LOCKED
            ) d
            LIMIT @batch
        ),
        spent AS (
            UPDATE webhook_subscriptions s
            SET rate_used = CASE WHEN s.rate_second = clock.second THEN s.rate_used ELSE 0 END + taken.n, rate_second = clock.second
            FROM (SELECT subscription_id, count(*)::int AS n FROM due GROUP BY subscription_id) taken CROSS JOIN clock
            WHERE s.id = taken.subscription_id AND s.max_per_second IS NOT NULL
        )
        UPDATE webhook_deliveries d SET lease_until = @lease_until
        FROM due JOIN webhook_subscriptions s ON s.id = due.subscription_id
        WHERE d.id = due.id
        {Returning}
        """;
}
