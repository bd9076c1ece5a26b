using System.Security.Cryptography;
using Integrations.Webhooks.Subscriptions;
using Npgsql;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// Leases due deliveries of active endpoints: at most <c>perEndpoint</c> per endpoint, none for endpoints this
/// dispatcher already has enough of in flight, rows other dispatchers hold skipped (SKIP LOCKED), expired leases
/// taken again. A throttled endpoint gets no more than its window and its per-second budget allow, counted across
/// every dispatcher (<see cref="ClaimStatements"/>). The endpoint and its secrets come back with the rows, read once
/// per endpoint per claim.
/// </summary>
internal sealed class DeliveryClaim(WebhookSecrets secrets, TimeProvider clock)
{
    /// <summary>Claims for open endpoints, and says which throttled endpoints have something due.</summary>
    public async Task<OpenClaim> ClaimAsync(
        NpgsqlConnection connection, int batch, int perEndpoint, Guid[] busy, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(Command(ClaimStatements.Open, now, lease, perEndpoint, batch, ("busy", busy)));
        var due = new NpgsqlBatchCommand(ClaimStatements.ThrottledDue);
        due.Parameters.AddWithValue("now", now);
        command.BatchCommands.Add(due);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claimed = await ReadAsync(reader, batch, throttled: false, now, ct);
        await reader.NextResultAsync(ct);
        var throttled = new List<ThrottledEndpoint>();
        while (await reader.ReadAsync(ct))
        {
            throttled.Add(new ThrottledEndpoint(reader.GetGuid(0), reader.GetBoolean(1), TimeSpan.FromMilliseconds(reader.GetInt32(2))));
        }

        return new OpenClaim(claimed, throttled);
    }

    /// <summary>Claims for throttled endpoints, holding their rows locked from before it counts until it commits.</summary>
    public async Task<List<ClaimedDelivery>> ClaimThrottledAsync(
        NpgsqlConnection connection, int batch, int perEndpoint, Guid[] endpoints, TimeSpan lease, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var command = new NpgsqlBatch(connection);
        var locking = new NpgsqlBatchCommand(ClaimStatements.Lock);
        locking.Parameters.AddWithValue("endpoints", endpoints);
        command.BatchCommands.Add(locking);
        command.BatchCommands.Add(Command(ClaimStatements.ClaimThrottled, now, lease, perEndpoint, batch, ("endpoints", endpoints)));
        // One round trip, one implicit transaction: the locks are held until the claim's leases are committed.
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await ReadAsync(reader, batch, throttled: true, now, ct);
    }

    private static NpgsqlBatchCommand Command(
        string sql, DateTimeOffset now, TimeSpan lease, int perEndpoint, int batch, (string Name, Guid[] Ids) endpoints)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease_until", now + lease);
        command.Parameters.AddWithValue("per_endpoint", perEndpoint);
        command.Parameters.AddWithValue("batch", batch);
        command.Parameters.AddWithValue(endpoints.Name, endpoints.Ids);
        return command;
    }

    private async Task<List<ClaimedDelivery>> ReadAsync(NpgsqlDataReader reader, int batch, bool throttled, DateTimeOffset now, CancellationToken ct)
    {
        var endpoints = new Dictionary<Guid, (WebhookSubscription Subscription, IReadOnlyList<string> Secrets)>();
        var claimed = new List<ClaimedDelivery>(batch);
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
                reader.GetInt32(4), endpoint.Subscription, endpoint.Secrets) { Throttled = throttled });
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
