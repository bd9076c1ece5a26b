using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Security;

/// <summary>
/// Refused requests per client address per clock minute, shared by the inbound receiver and bearer-key
/// authentication: once an address has had <c>Sentinel:Security:RefusalsPerMinutePerIp</c> refused, its next requests
/// there are answered 429 before any lookup or signature check, until the minute ends. Successes never count.
/// The counts live in this process, like the other rate limits.
/// </summary>
public sealed partial class RefusalLimiter
{
    private const int MaxClientsPerMinute = 100_000;

    private readonly MinuteCounts<ClientNetwork> refusals = new(MaxClientsPerMinute);
    private readonly TimeProvider clock;
    private readonly IOptionsMonitor<RefusalOptions> options;
    private readonly ILogger<RefusalLimiter> log;

    internal RefusalLimiter(TimeProvider clock, IOptionsMonitor<RefusalOptions> options, ILogger<RefusalLimiter> log)
    {
        this.clock = clock;
        this.options = options;
        this.log = log;
    }

    /// <summary>Null when a request from <paramref name="client"/> may go on; else the seconds until its minute ends.</summary>
    public int? RetryAfter(IPAddress? client)
    {
        var limit = options.CurrentValue.RefusalsPerMinutePerIp;
        if (limit <= 0 || client is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return refusals.At(now / 60, out _).Count(ClientNetwork.Of(client)) >= limit ? (int)(60 - (now % 60)) : null;
    }

    /// <summary>Counts a refused request against <paramref name="client"/>.</summary>
    public void Count(IPAddress? client)
    {
        var limit = options.CurrentValue.RefusalsPerMinutePerIp;
        if (limit <= 0 || client is null)
        {
            return;
        }

        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        var network = ClientNetwork.Of(client);
        if (refusals.At(minute, out _).Add(network) == limit)
        {
            Limiting(network.ToString(), limit, DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60));
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

    [LoggerMessage(LogLevel.Warning, "Answering 429 to {ClientAddress} until {Until}: {Refusals} of its requests were refused in this minute")]
    private partial void Limiting(string clientAddress, int refusals, DateTimeOffset until);
}
