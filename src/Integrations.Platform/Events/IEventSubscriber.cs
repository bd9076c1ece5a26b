namespace Integrations.Platform.Events;

/// <summary>
/// Told about events in the same transaction that stores them, so whatever it writes (webhook deliveries)
/// exists exactly when the events do. Implementations work set-based: one statement for the whole list.
/// </summary>
public interface IEventSubscriber
{
    Task OnAppendedAsync(IReadOnlyList<AppendedEvent> events, CancellationToken ct);
}
