using System.Globalization;
using System.Net;
using Integrations.Platform.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Security;

/// <summary>
/// Refused requests per client address and subject per clock minute, for the inbound receiver and bearer-key
/// authentication: once an address has had <c>Sentinel:Security:RefusalsPerMinutePerIp</c> refused about a subject (API
/// keys, unknown inbound sources, one inbound source), its next requests about it are answered 429 before any lookup or
/// signature check, until the minute ends. Successes never count. Subjects are counted apart because many tenants share
/// a sender's address: one tenant's refusals must not hold back the others'. With a shared store the counts are shared by
/// every instance (one-minute windows from the first request); without one, or while it fails, each process counts its own
/// clock minutes.
/// </summary>
public sealed partial class RefusalLimiter
{
    private const int MaxPerMinute = 100_000;

    private readonly MinuteCounts<(string Subject, ClientNetwork Client)> refusals = new(MaxPerMinute);
    private readonly TimeProvider clock;
    private readonly IOptionsMonitor<RefusalOptions> options;
    private readonly ILogger<RefusalLimiter> log;
    private readonly SharedWindows shared;

    internal RefusalLimiter(TimeProvider clock, IOptionsMonitor<RefusalOptions> options, ILogger<RefusalLimiter> log, SharedWindows shared)
    {
        this.clock = clock;
        this.options = options;
        this.log = log;
        this.shared = shared;
    }

    /// <summary>Null when a request from <paramref name="client"/> about <paramref name="subject"/> may go on; else the
    /// seconds until it may try again.</summary>
    public async ValueTask<int?> RetryAfterAsync(IPAddress? client, string subject)
    {
        var limit = options.CurrentValue.RefusalsPerMinutePerIp;
        if (limit <= 0 || client is null)
        {
            return null;
        }

        // Zero permits: looks at the count without adding to it.
        return await shared.AcquireAsync(Kind, (subject, ClientNetwork.Of(client)), limit, TimeSpan.FromMinutes(1), permits: 0) is { } window
            ? window.Remaining > 0 ? null : window.ResetSeconds
            : RetryAfter(client, subject);
    }

    /// <summary>Counts a refused request from <paramref name="client"/> about <paramref name="subject"/>.</summary>
    public async ValueTask CountAsync(IPAddress? client, string subject)
    {
        var limit = options.CurrentValue.RefusalsPerMinutePerIp;
        if (limit <= 0 || client is null)
        {
            return;
        }

        if (await shared.AcquireAsync(Kind, (subject, ClientNetwork.Of(client)), limit, TimeSpan.FromMinutes(1)) is not { } window)
        {
            Count(client, subject);
        }
        else if (window is { Allowed: true, Remaining: 0 })
        {
            Limiting(ClientNetwork.Of(client).ToString(), subject, limit, clock.GetUtcNow().AddSeconds(window.ResetSeconds));
        }
    }

    /// <summary>The shared windows' kind: one window per (subject, client network).</summary>
    private const string Kind = "refusals";

    /// <summary>This process's count: null when a request from <paramref name="client"/> about <paramref name="subject"/> may
    /// go on; else the seconds until its minute ends.</summary>
    internal int? RetryAfter(IPAddress? client, string subject)
    {
        var limit = options.CurrentValue.RefusalsPerMinutePerIp;
        if (limit <= 0 || client is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var minute = refusals.At(now / 60, out _);
        var network = ClientNetwork.Of(client);
        var over = minute.Count((subject, network)) >= limit || (minute.IsFull && minute.Count((subject, network.Wider())) >= limit);
        return over ? (int)(60 - (now % 60)) : null;
    }

    /// <summary>Counts a refused request from <paramref name="client"/> about <paramref name="subject"/> in this process.</summary>
    internal void Count(IPAddress? client, string subject)
    {
        var limit = options.CurrentValue.RefusalsPerMinutePerIp;
        if (limit <= 0 || client is null)
        {
            return;
        }

        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var network = ClientNetwork.Of(client);
        // A minute with too many addresses to count apart (a botnet) counts the rest by their wider network.
        var (counted, count) = refusals.At(minute, out _).Add((subject, network), (subject, network.Wider()));
        if (count == limit)
        {
            Limiting(counted.Client.ToString(), subject, limit, DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60));
        }
    }

    /// <summary>Sets 429 and Retry-After on <paramref name="response"/>; returns the ProblemDetails that says why.</summary>
    public static ProblemDetails TooMany(HttpResponse response, int retryAfter)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many refused requests",
            Detail = $"Too many requests from this address were refused in this minute. Try again in {retryAfter} seconds.",
            Extensions = { ["error"] = "too_many_refused_requests", ["retry_after_seconds"] = retryAfter },
        };
    }

    [LoggerMessage(LogLevel.Warning, "Answering 429 to {ClientAddress} for {Subject} until {Until}: {Refusals} of its requests were refused in this minute")]
    private partial void Limiting(string clientAddress, string subject, int refusals, DateTimeOffset until);
}
