using System.Diagnostics;
using System.Text;
using Integrations.Platform.Signing;

namespace Integrations.Benchmarks;

/// <summary>The ceiling: the same signed POSTs to the same receiver from a plain HttpClient, no database, no queue.</summary>
internal static class BareHttpClient
{
    public static async Task<double> RunAsync(Uri[] urls, string[] secrets, int concurrency, TimeSpan duration)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false });
        long sent = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var endpoint = (worker + i) % urls.Length;
                var id = $"evt_{Guid.CreateVersion7():N}";
                var body = Encoding.UTF8.GetBytes($$$"""{"id":"{{{id}}}","event":"invoice.paid","timestamp":"2026-05-15T10:05:00Z","data":{"invoice_id":"inv_1042"}}""");
                var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, urls[endpoint]) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.TryAddWithoutValidation("X-Sentinel-Signature", Signatures.Sha256Header(secrets[endpoint], body));
                request.Headers.TryAddWithoutValidation("webhook-id", id);
                request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhooks.Sign(secrets[endpoint], id, timestamp, body));
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref sent);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return sent / clock.Elapsed.TotalSeconds;
    }
}
