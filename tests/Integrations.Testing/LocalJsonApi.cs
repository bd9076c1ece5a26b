using System.Collections.Concurrent;
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
/// A real JSON API on 127.0.0.1 (Kestrel, a random port) for pull connectors to fetch from: every request is kept
/// (method, path, query, headers, body) and answered by the test's function.
/// </summary>
public sealed class LocalJsonApi : IAsyncDisposable
{
    private readonly Func<JsonApiRequest, JsonApiAnswer> respond;
    private WebApplication app = null!;

    private LocalJsonApi(Func<JsonApiRequest, JsonApiAnswer> respond) => this.respond = respond;

    public ConcurrentQueue<JsonApiRequest> Requests { get; } = [];

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LocalJsonApi> StartAsync(Func<JsonApiRequest, JsonApiAnswer> respond)
    {
        var api = new LocalJsonApi(respond);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        api.app = builder.Build();
        api.app.Run(api.HandleAsync);
        await api.app.StartAsync();
        api.BaseUrl = new Uri(api.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return api;
    }

    /// <summary>The absolute URL of <paramref name="pathAndQuery"/> on this API.</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var request = new JsonApiRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            await reader.ReadToEndAsync());
        Requests.Enqueue(request);
        var answer = respond(request);
        if (answer.Hold is not null)
        {
            await answer.Hold.WaitAsync(context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (answer.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(answer.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = answer.RetryAfter;
        }

        if (answer.Json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Json);
        }
    }
}

/// <summary>One request a <see cref="LocalJsonApi"/> got.</summary>
public sealed record JsonApiRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Parameter(string name) => Query.GetValueOrDefault(name);

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}

/// <summary>How a <see cref="LocalJsonApi"/> answers: a status, a JSON body, optionally <c>Retry-After</c>, after an optional delay,
/// once <see cref="Hold"/> completes (the test releases it).</summary>
public sealed record JsonApiAnswer(int Status, string? Json = null, string? RetryAfter = null, TimeSpan Delay = default)
{
    public Task? Hold { get; init; }

    public static JsonApiAnswer Ok(string json) => new(200, json);
}
