using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Integrations.Testing;

/// <summary>
/// What an app logs through Serilog, for tests that assert what an operator would read; register it as an
/// <see cref="ILogEventSink"/> of the app. The app logs through Serilog's static logger, which the host built last
/// owns and a disposed host silences, so a test class that reads this must not run in parallel with others.
/// </summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    public void Emit(LogEvent logEvent) => events.Enqueue(logEvent);

    /// <summary>The warnings whose message template starts with <paramref name="template"/> and that carry
    /// <paramref name="value"/> in one of their properties.</summary>
    public IReadOnlyList<LogEvent> Warnings(string template, string value) =>
        events.Where(e => e.Level == LogEventLevel.Warning
                && e.MessageTemplate.Text.StartsWith(template, StringComparison.Ordinal)
                && e.Properties.Values.Any(p => p is ScalarValue { Value: { } v } && v.ToString() == value))
            .ToList();
}
