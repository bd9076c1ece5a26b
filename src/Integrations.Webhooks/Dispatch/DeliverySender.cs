using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Integrations.Platform.Ids;
using Integrations.Platform.Outbound;
using Microsoft.Extensions.Options;

namespace Integrations.Webhooks.Dispatch;

/// <summary>POSTs one delivery, signed, and reports what happened; never throws for what the endpoint or network did.</summary>
internal sealed class DeliverySender(IHttpClientFactory http, IOptionsMonitor<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>The outbound client deliveries go through: the SSRF guard, no decompression, a bound on connections per
    /// receiver, and no client timeout (each attempt has its own, from the clock).</summary>
    public const string ClientName = "webhooks";

    private const int SnippetBytes = 1024;
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient client = http.CreateClient(ClientName);

    public async Task<AttemptResult> SendAsync(ClaimedDelivery delivery)
    {
        var attemptedAt = clock.GetUtcNow();
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        if (delivery.Secrets.Count == 0)
        {
            return new AttemptResult(delivery, attemptedAt, 0, null, null,
                "The signing secret could not be read; nothing was sent.", "{}", null);
        }

        var headers = SignedHeaders.For(PublicId.Format(IdPrefixes.Event, delivery.EventId), attemptedAt.ToUnixTimeSeconds(), body, delivery.Secrets);
        var logged = JsonSerializer.Serialize(headers.Prepend(new("Content-Type", "application/json")).ToDictionary());
        var timeout = options.CurrentValue.AttemptTimeout;
        using var cancel = new CancellationTokenSource(timeout, clock);
        var started = clock.GetTimestamp();
        int Elapsed() => (int)clock.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var request = Request(delivery.Subscription.Url, body, headers);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            var snippet = await SnippetAsync(response, cancel.Token);
            var code = (int)response.StatusCode;
            return new AttemptResult(delivery, attemptedAt, Elapsed(), code, snippet, Describe(code), logged,
                RetryAfter(response, attemptedAt));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return new AttemptResult(delivery, attemptedAt, Elapsed(), null, null,
                $"No response within {timeout.TotalSeconds:0} s.", logged, null, Unreachable: true);
        }
        catch (Exception error) when (error is HttpRequestException or IOException or InvalidOperationException or UriFormatException)
        {
            // Network and TLS failures, the guard's refusal, and a stored URL HttpClient cannot use.
            return new AttemptResult(delivery, attemptedAt, Elapsed(), null, null, Reason(error), logged, null,
                Unreachable: Refusal(error) is null);
        }
    }

    private static HttpRequestMessage Request(string url, byte[] body, List<KeyValuePair<string, string>> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static string? Describe(int code) => code switch
    {
        >= 200 and < 300 => null,
        >= 300 and < 400 => $"The endpoint answered {code}; redirects are not followed.",
        _ => $"The endpoint answered {code}.",
    };

    /// <summary>The guard's refusal in its own words, else the innermost cause (connection refused, reset, TLS…).</summary>
    private static string Reason(Exception error)
    {
        if (Refusal(error) is { } refused)
        {
            return refused.Message;
        }

        var message = error.InnerException is { } inner ? $"{error.Message} {inner.Message}" : error.Message;
        return message.Length <= 1000 ? message : message[..1000];
    }

    private static OutboundRefusedException? Refusal(Exception error)
    {
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static async Task<string?> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[SnippetBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is > 0 and var n)
        {
            read += n;
        }

        // Postgres text cannot hold NUL.
        return read == 0 ? null : Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };
}
