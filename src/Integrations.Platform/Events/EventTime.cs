using System.Globalization;

namespace Integrations.Platform.Events;

/// <summary>An event's time as deliveries and the events API write it: UTC, whole seconds (<c>2026-12-04T15:00:00Z</c>).</summary>
public static class EventTime
{
    public static string Format(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
