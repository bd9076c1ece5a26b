using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Integrations.Inbound.Mapping;
using Integrations.Platform.Outbound;
using Microsoft.Extensions.Options;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>Fetches one page: the guard's URL rules, credentials, a timeout from the clock, a size cap, JSON.</summary>
internal sealed class PageFetcher(IHttpClientFactory http, OutboundGuard guard, TimeProvider clock, IOptions<ConnectorOptions> options)
{
    /// <summary>The outbound client pages are fetched with: the SSRF guard, compressed pages accepted, and no client
    /// timeout (each page has its own, from the clock).</summary>
    public const string ClientName = "connectors";

    private readonly HttpClient client = http.CreateClient(ClientName);

    public async Task<PageResult> FetchAsync(Connector connector, SentRequest sent, ConnectorAuth? auth, Uri url, CancellationToken ct)
    {
        // Next-page URLs come from the remote: they pass the same rules as the connector's own URL.
        if (await guard.CheckAsync(url, ct) is { } refusal)
        {
            return PageResult.Refused($"{Describe(url)} was refused: {refusal}");
        }

        // Credentials belong to the connector's origin: a page elsewhere (a next-page URL from the remote) never gets them,
        // neither the auth's nor those in the URL's query or the body.
        var hasCredentials = (auth is not null && connector.AuthType != ConnectorAuth.None) || connector.RequestCiphertext is not null;
        if (hasCredentials && !ConnectorUrls.SameOrigin(url, new Uri(sent.Url)))
        {
            return PageResult.Refused($"{Describe(url)} is on another host ({url.Authority}) than the connector's URL; "
                + "its credentials are only sent to the connector's own host, so the page was not fetched.");
        }

        var timeout = options.Value.PageTimeout;
        using var timer = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        using var request = new HttpRequestMessage(connector.Method == "POST" ? HttpMethod.Post : HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        auth?.Apply(request, connector.AuthType, connector.AuthHeader);
        if (connector.Method == "POST")
        {
            request.Content = new StringContent(sent.Body ?? "{}", Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return PageResult.Remote($"{Describe(url)} answered 429 Too Many Requests.", RetryAfter(response));
            }

            if (status >= 500)
            {
                return PageResult.Remote($"{Describe(url)} answered {status} {response.ReasonPhrase}.");
            }

            if (status is < 200 or >= 300)
            {
                return PageResult.Refused($"{Describe(url)} answered {status} {response.ReasonPhrase}"
                    + (status is >= 300 and < 400 ? " (redirects are not followed)." : "."));
            }

            var text = await ReadCappedAsync(response.Content, options.Value.MaxPageBytes, linked.Token);
            if (text is null)
            {
                return PageResult.Refused($"{Describe(url)} answered more than {options.Value.MaxPageBytes / 1024 / 1024} MB.");
            }

            return JsonDocumentReader.TryParse(text, out var body, out var error)
                ? PageResult.Ok(body!)
                : PageResult.Refused($"{Describe(url)} did not answer JSON: {error}");
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return PageResult.Remote($"{Describe(url)} did not answer within {timeout.TotalSeconds:0} s.");
        }
        catch (OutboundRefusedException e)
        {
            return PageResult.Refused($"{Describe(url)} was refused: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return PageResult.Remote($"{Describe(url)} could not be reached: {e.Message}");
        }
        catch (IOException e)
        {
            // The connection broke while the body was read (HttpIOException among them): the remote's failure.
            return PageResult.Remote($"{Describe(url)} broke off its answer: {e.Message}");
        }
    }

    // Scheme, host and path only: query strings may carry tokens.
    private static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path);

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<string?> ReadCappedAsync(HttpContent content, int maxBytes, CancellationToken ct)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
