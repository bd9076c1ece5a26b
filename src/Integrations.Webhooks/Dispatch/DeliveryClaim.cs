using System.Security.Cryptography;
using Integrations.Webhooks.Subscriptions;
using Npgsql;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// Leases due deliveries of active endpoints: at most <c>perEndpoint</c> per endpoint, none for endpoints this
/// dispatcher already has enough of in flight, rows other dispatchers hold skipped (SKIP LOCKED), expired leases
/// taken again. The endpoint and its secrets come back with the rows, read once per endpoint per claim.
/// </summary>
internal sealed class DeliveryClaim(WebhookSecrets secrets, TimeProvider clock)
{
    private const string Sql =
        """
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
            WHERE s.status = 'Active' AND s.id <> ALL(@busy)
            LIMIT @batch
        )
        UPDATE webhook_deliveries d SET lease_until = @lease_until
        FROM due JOIN webhook_subscriptions s ON s.id = due.subscription_id
        WHERE d.id = due.id
        RETURNING d.id, d.workspace_id, d.event_id, d.body, d.attempts, s.id, s.workspace_id, s.url, s.retry_policy,
                  s.secret_ciphertext, s.previous_secret_ciphertext, s.previous_secret_expires_at
        """;

    public async Task<List<ClaimedDelivery>> ClaimAsync(
        NpgsqlConnection connection, int batch, int perEndpoint, Guid[] busy, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease_until", now + lease);
        command.Parameters.AddWithValue("per_endpoint", perEndpoint);
        command.Parameters.AddWithValue("batch", batch);
        command.Parameters.AddWithValue("busy", busy);
        var endpoints = new Dictionary<Guid, (WebhookSubscription Subscription, IReadOnlyList<string> Secrets)>();
        var claimed = new List<ClaimedDelivery>(batch);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var subscriptionId = reader.GetGuid(5);
            if (!endpoints.TryGetValue(subscriptionId, out var endpoint))
            {
                var subscription = new WebhookSubscription
                {
                    Id = subscriptionId,
                    WorkspaceId = reader.GetGuid(6),
                    Name = "",
                    Url = reader.GetString(7),
                    Events = [],
                    RetryPolicy = Enum.Parse<RetryPolicy>(reader.GetString(8)),
                    SecretCiphertext = reader.GetString(9),
                    PreviousSecretCiphertext = reader.IsDBNull(10) ? null : reader.GetString(10),
                    PreviousSecretExpiresAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                };
                endpoint = endpoints[subscriptionId] = (subscription, ReadSecrets(subscription, now));
            }

            claimed.Add(new ClaimedDelivery(reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3),
                reader.GetInt32(4), endpoint.Subscription, endpoint.Secrets));
        }

        return claimed;
    }

    private IReadOnlyList<string> ReadSecrets(WebhookSubscription subscription, DateTimeOffset now)
    {
        try
        {
            return secrets.SigningSecrets(subscription, now);
        }
        catch (CryptographicException)
        {
            // The key ring lost the key: the attempts fail and say so; nothing is sent unsigned.
            return [];
        }
    }
}
