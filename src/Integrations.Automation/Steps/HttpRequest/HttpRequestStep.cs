using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Automation.Definitions;
using Integrations.Automation.Templates;
using Integrations.Automation.Workflows;
using Integrations.Platform.Data;
using Integrations.Platform.Outbound;
using Integrations.Platform.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Automation.Steps.HttpRequest;

/// <summary>
/// <c>http_request</c> <c>{"method": "POST", "url": "https://…/{{ record.id }}", "headers": {…}, "body": {…}}</c>:
/// sent through the outbound client (SSRF guard, no redirects), signed with Standard Webhooks headers with the
/// workflow's secret (<c>webhook-id</c> is the step's idempotency key, also sent as <c>Idempotency-Key</c>).
/// Output <c>{"status", "body"}</c>. 2xx is done; 408, 429, 5xx, timeouts and network errors are retried; other answers fail.
/// </summary>
internal sealed class HttpRequestStep(WorkflowTemplates templates, IHttpClientFactory http, TimeProvider clock) : IStepType
{
    public const string ClientName = "automation";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public string Type => "http_request";
    public string Title => "Send an HTTP request";
    public string Description => "Calls a URL, signed with the workflow's secret (Standard Webhooks).";
    public bool SafeToDryRun => false;

    public IReadOnlyList<StepField> Fields { get; } =
    [
        new("method", "text", false, "GET, POST (the default), PUT, PATCH or DELETE."),
        new("url", "text", true, "An absolute https:// URL; a template."),
        new("headers", "json", false, "Header names to values (templates)."),
        new("body", "json", false, "JSON whose strings are templates, or one template string."),
    ];

    public void Check(StepDefinition step, StepChecks checks) => HttpRequestRules.Check(step.Json, checks);

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var json = context.Step.Json;
        var method = StepJson.Text(json, "method") ?? "POST";
        var url = await templates.RenderAsync(StepJson.Text(json, "url") ?? "", context.Data);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return StepOutcome.Failed($"The url '{Shorten(url)}' is not an absolute http(s):// address.");
        }

        var headers = await StepInputs.RenderObjectAsync(templates, json["headers"] as JsonObject ?? [], context.Data);
        var (body, contentType) = await BodyAsync(json["body"], context.Data);
        if (context.DryRun)
        {
            return StepOutcome.Done(new JsonObject
            {
                ["would"] = new JsonObject { ["method"] = method, ["url"] = url, ["headers"] = headers, ["body"] = Encoding.UTF8.GetString(body) },
            });
        }

        var secret = await context.Services.GetRequiredService<WorkflowSigningKeys>()
            .FindAsync(context.Services.GetRequiredService<IntegrationsDbContext>(), context.WorkflowId, ct);
        if (secret is null)
        {
            return StepOutcome.Failed("The workflow of this run no longer exists; nothing was sent.");
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (method != "GET" || body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = contentType;
        }

        foreach (var (name, value) in headers)
        {
            var text = StepJson.IsText(value) ? value!.GetValue<string>() : value?.ToJsonString() ?? "";
            if (!request.Headers.TryAddWithoutValidation(name, text))
            {
                request.Content?.Headers.Remove(name);
                request.Content?.Headers.TryAddWithoutValidation(name, text);
            }
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.TryAddWithoutValidation("webhook-id", context.IdempotencyKey);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", StandardWebhooks.Sign(secret, context.IdempotencyKey, timestamp, body));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", context.IdempotencyKey);
        return await SendAsync(request, ct);
    }

    private async Task<StepOutcome> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            var output = new JsonObject { ["status"] = code, ["body"] = await HttpResponseBody.ReadAsync(response, linked.Token) };
            return code switch
            {
                >= 200 and < 300 => StepOutcome.Done(output),
                408 or 429 or >= 500 => new StepOutcome
                {
                    Output = output, Error = $"The endpoint answered {code}.", Retry = true, RetryAfter = RetryAfter(response),
                },
                >= 300 and < 400 => new StepOutcome { Output = output, Error = $"The endpoint answered {code}; redirects are not followed." },
                _ => new StepOutcome { Output = output, Error = $"The endpoint answered {code}." },
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return StepOutcome.Failed($"No response within {Timeout.TotalSeconds:0} s.", retry: true);
        }
        catch (HttpRequestException error) when (Refusal(error) is { } refused)
        {
            return StepOutcome.Failed(refused.Message);
        }
        catch (Exception error) when (error is HttpRequestException or IOException)
        {
            return StepOutcome.Failed(Shorten(error.InnerException is { } inner ? $"{error.Message} {inner.Message}" : error.Message), retry: true);
        }
    }

    private async Task<(byte[] Body, MediaTypeHeaderValue Type)> BodyAsync(JsonNode? body, JsonObject data)
    {
        if (body is null)
        {
            return ([], new MediaTypeHeaderValue("application/json"));
        }

        if (StepJson.IsText(body))
        {
            var text = await templates.RenderAsync(body.GetValue<string>(), data);
            var isJson = text.TrimStart() is ['{', ..] or ['[', ..];
            return (Encoding.UTF8.GetBytes(text), new MediaTypeHeaderValue(isJson ? "application/json" : "text/plain") { CharSet = "utf-8" });
        }

        var rendered = await StepInputs.RenderAsync(templates, body, data);
        return (Encoding.UTF8.GetBytes(rendered!.ToJsonString()), new MediaTypeHeaderValue("application/json"));
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
        _ => null,
    };

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

    private static string Shorten(string text) => text.Length <= 500 ? text : text[..500];
}
