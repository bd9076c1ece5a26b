using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Testing;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (Kestrel, a random port) with named endpoints. Each endpoint knows its signing
/// secrets, checks both signatures of every POST, and answers by a script (call number → answer).
/// <see cref="KeepRequests"/> off keeps only counts and first-arrival times, for load.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Endpoint> endpoints = new();
    private readonly ConcurrentDictionary<string, long> firstArrival = new();
    private readonly ConcurrentQueue<ReceivedRepeat> repeats = new();
    private WebApplication app = null!;
    private long received;
    private long badSignatures;

    public bool KeepRequests { get; init; } = true;

    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = [];

    public Uri BaseUrl { get; private set; } = null!;

    public long Received => Interlocked.Read(ref received);

    public long BadSignatures => Interlocked.Read(ref badSignatures);

    /// <summary>First arrival (Stopwatch timestamp) per endpoint and <c>webhook-id</c>, key <c>"{endpoint}|{id}"</c>.</summary>
    public IReadOnlyDictionary<string, long> FirstArrivals => firstArrival;

    /// <summary>Every POST that arrived again (same endpoint and <c>webhook-id</c>), kept even without <see cref="KeepRequests"/>.</summary>
    public IReadOnlyCollection<ReceivedRepeat> Repeats => repeats;

    public static async Task<WebhookReceiver> StartAsync(bool keepRequests = true)
    {
        var receiver = new WebhookReceiver { KeepRequests = keepRequests };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        receiver.app = builder.Build();
        receiver.app.MapPost("/{name}", receiver.HandleAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address);
        return receiver;
    }

    /// <summary>Adds an endpoint and returns its URL; <paramref name="script"/> answers by call number (default: 200).</summary>
    public Uri Add(string name, IReadOnlyList<string> secrets, Func<int, ReceiverAnswer>? script = null)
    {
        endpoints[name] = new Endpoint(secrets, script ?? (_ => ReceiverAnswer.Ok));
        return new Uri(BaseUrl, name);
    }

    /// <summary>The most POSTs the endpoint was answering at the same time.</summary>
    public int MaxConcurrent(string endpoint) => endpoints[endpoint].MaxConcurrent;

    public IReadOnlyList<ReceivedWebhook> For(string endpoint) => Requests.Where(r => r.Endpoint == endpoint).ToList();

    /// <summary>Polls until <paramref name="done"/> holds for the endpoint's requests, or fails after <paramref name="timeout"/>.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(string endpoint, Func<IReadOnlyList<ReceivedWebhook>, bool> done,
        TimeSpan? timeout = null) =>
        Poll.UntilAsync(() => Task.FromResult(For(endpoint)), done, timeout ?? TimeSpan.FromSeconds(10),
            requests => $"Endpoint '{endpoint}' got {requests.Count} requests, not what the test waited for.");

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<IResult> HandleAsync(string name, HttpContext context)
    {
        if (!endpoints.TryGetValue(name, out var endpoint))
        {
            return Results.NotFound();
        }

        var call = endpoint.NextCall();
        using var answering = endpoint.Answering();
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        var sentinelValid = ReceiverSignatures.SentinelValid(headers["X-Sentinel-Signature"], body, endpoint.Secrets.Take(1).ToList());
        var standardValid = ReceiverSignatures.StandardValid(headers["webhook-signature"], id, headers["webhook-timestamp"], body, endpoint.Secrets);
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref received);
        if (!sentinelValid || !standardValid)
        {
            Interlocked.Increment(ref badSignatures);
        }

        var key = $"{name}|{id}";
        if (!firstArrival.TryAdd(key, at))
        {
            repeats.Enqueue(new ReceivedRepeat(key, firstArrival[key], at));
        }

        if (KeepRequests)
        {
            Requests.Enqueue(new ReceivedWebhook(name, call, id, System.Text.Encoding.UTF8.GetString(body), sentinelValid, standardValid,
                headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), at, DateTimeOffset.UtcNow));
        }

        var answer = endpoint.Script(call);
        if (answer.Delay > TimeSpan.Zero)
        {
            await Task.Delay(answer.Delay, context.RequestAborted);
        }

        if (answer.Drop)
        {
            context.Abort();
            return Results.Empty;
        }

        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }

        return Results.Text($"answer {answer.Status} to call {call}", statusCode: answer.Status);
    }

    private sealed class Endpoint(IReadOnlyList<string> secrets, Func<int, ReceiverAnswer> script)
    {
        private int calls;
        private int concurrent;
        private int maxConcurrent;

        public int MaxConcurrent => Volatile.Read(ref maxConcurrent);

        /// <summary>Counts this POST as being answered until disposed.</summary>
        public IDisposable Answering()
        {
            var now = Interlocked.Increment(ref concurrent);
            for (var max = Volatile.Read(ref maxConcurrent); now > max; max = Volatile.Read(ref maxConcurrent))
            {
                Interlocked.CompareExchange(ref maxConcurrent, now, max);
            }

            return new Leave(this);
        }

        public IReadOnlyList<string> Secrets { get; } = secrets;

        public Func<int, ReceiverAnswer> Script { get; } = script;

        public int NextCall() => Interlocked.Increment(ref calls);

        private sealed class Leave(Endpoint endpoint) : IDisposable
        {
            public void Dispose() => Interlocked.Decrement(ref endpoint.concurrent);
        }
    }
}
