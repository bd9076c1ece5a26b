using Integrations.Platform.Notifications;
using Integrations.Webhooks.FanOut;
using Microsoft.Extensions.Logging;

namespace Integrations.Webhooks.Dispatch;

/// <summary>
/// Rings the dispatcher's wake signal on every NOTIFY the fan-out sends on commit, and after (re)connecting; the
/// dispatcher's polling covers any gap.
/// </summary>
internal sealed class DeliveryNotifications(ILogger<DeliveryNotifications> log)
{
    public Task ListenAsync(string connectionString, WakeSignal wake, CancellationToken ct) =>
        PostgresListener.ListenAsync(connectionString, DeliveryFanOut.Channel, _ => wake.Ring(), wake.Ring, log, ct);
}
