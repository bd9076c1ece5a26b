using System.Net;
using Microsoft.Extensions.Logging;

namespace Integrations.Platform.Security;

/// <summary>
/// Samples the warnings about refused requests: the first refusal of a subject (an inbound source, API keys) from a
/// client address in a clock minute is warned about; the others are counted and summed up in one warning once the
/// minute is over (at the next refusal, or by a sweep every few seconds). A flood costs a counter, not a log line.
/// </summary>
public sealed partial class RefusalWarnings : IDisposable
{
    private const int MaxPerMinute = 100_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly MinuteCounts<(string Subject, ClientNetwork Client)> refusals = new(MaxPerMinute);
    private readonly TimeProvider clock;
    private readonly ILogger<RefusalWarnings> log;
    private readonly ITimer sweep;

    internal RefusalWarnings(TimeProvider clock, ILogger<RefusalWarnings> log)
    {
        this.clock = clock;
        this.log = log;
        sweep = clock.CreateTimer(_ => Current(), null, SweepInterval, SweepInterval);
    }

    /// <summary>Whether to warn about this refusal: only for the first of <paramref name="subject"/> from
    /// <paramref name="client"/> in this minute.</summary>
    public bool ShouldWarn(string subject, IPAddress? client) => Current().Add((subject, ClientNetwork.Of(client))) == 1;

    public void Dispose() => sweep.Dispose();

    private MinuteCounts<(string Subject, ClientNetwork Client)>.Minute Current()
    {
        var minute = refusals.At(clock.GetUtcNow().ToUnixTimeSeconds() / 60, out var ended);
        if (ended is not null)
        {
            var start = DateTimeOffset.FromUnixTimeSeconds(ended.Number * 60);
            foreach (var ((subject, client), count) in ended.Counts.Where(c => c.Value > 1))
            {
                Suppressed(count - 1, subject, client.ToString(), start);
            }
        }

        return minute;
    }

    [LoggerMessage(LogLevel.Warning, "…and {Refusals} more refused requests for {Subject} from {ClientAddress} in the minute from {MinuteStart}")]
    private partial void Suppressed(int refusals, string subject, string clientAddress, DateTimeOffset minuteStart);
}
