using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integrations.Webhooks.Delivery;

/// <summary>
/// Listens on the <c>webhook_deliveries</c> channel on a connection of its own and rings on every NOTIFY the
/// fan-out sends on commit. Reconnects after a dropped connection; the dispatcher's polling covers the gap.
/// </summary>
internal sealed partial class DeliveryNotifications(ILogger<DeliveryNotifications> log)
{
    public async Task ListenAsync(string connectionString, WakeSignal wake, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => wake.Ring();
                await using (var listen = new NpgsqlCommand($"LISTEN {DeliveryFanOut.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                wake.Ring();
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (Exception error) when (error is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                LostConnection(error);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Listening for webhook delivery notifications failed; reconnecting, polling meanwhile")]
    private partial void LostConnection(Exception error);
}
