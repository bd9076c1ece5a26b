using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Integrations.Platform.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Benchmarks;

/// <summary>
/// A loopback receiver for workflows' HTTP steps: counts POSTs, checks each Standard Webhooks signature with the
/// workflow's secret, and keeps the first arrival of each <c>x-seq</c> header (the trigger's sequence number) and how
/// many times each idempotency key arrived (more than once would be work done twice).
/// </summary>
internal sealed class SequenceReceiver : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, long> arrivals = new();
    private readonly ConcurrentDictionary<string, int> keys = new();
    private WebApplication app = null!;
    private long received;
    private long badSignatures;

    public string Secret { get; set; } = "";

    public Uri Url { get; private set; } = null!;

    public long Received => Interlocked.Read(ref received);

    public long BadSignatures => Interlocked.Read(ref badSignatures);

    public int RepeatedKeys => keys.Count(k => k.Value > 1);

    public IReadOnlyDictionary<long, long> Arrivals => arrivals;

    public static async Task<SequenceReceiver> StartAsync()
    {
        var receiver = new SequenceReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        receiver.app = builder.Build();
        receiver.app.MapPost("/hook", receiver.HandleAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "hook");
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var at = Stopwatch.GetTimestamp();
        var headers = context.Request.Headers;
        var id = headers["webhook-id"].ToString();
        if (!long.TryParse(headers["webhook-timestamp"], out var timestamp)
            || !StandardWebhooks.Verify(Secret, id, timestamp, buffer.ToArray(), headers["webhook-signature"].ToString()))
        {
            Interlocked.Increment(ref badSignatures);
        }

        keys.AddOrUpdate(headers["Idempotency-Key"].ToString(), 1, (_, n) => n + 1);
        if (long.TryParse(headers["x-seq"], out var sequence))
        {
            arrivals.TryAdd(sequence, at);
        }

        Interlocked.Increment(ref received);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
