using System.Text.Json.Nodes;

namespace Integrations.Automation.Steps.HttpRequest;

/// <summary>What an <c>http_request</c> step may ask for, checked when the workflow is saved.</summary>
internal static class HttpRequestRules
{
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Headers Sentinel sets itself: the Standard Webhooks signature and the idempotency key, and those the
    /// HTTP client owns.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "webhook-id", "webhook-timestamp", "webhook-signature", "idempotency-key",
        "host", "content-length", "transfer-encoding", "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-authorization",
    };

    public static void Check(JsonObject json, StepChecks checks)
    {
        var method = StepJson.Text(json, "method") ?? "POST";
        if (!Methods.Contains(method))
        {
            checks.Add("method", $"method must be one of {string.Join(", ", Methods)}.");
        }

        CheckUrl(StepJson.Text(json, "url"), checks);
        CheckHeaders(json["headers"], checks);
        if (json["body"] is { } body)
        {
            StepInputs.CheckTemplates(checks, "body", body);
        }
    }

    private static void CheckUrl(string? url, StepChecks checks)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            checks.Add("url", "url is required.");
            return;
        }

        if (url.Contains("{{", StringComparison.Ordinal) || url.Contains("{%", StringComparison.Ordinal))
        {
            checks.Template("url", url);
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            checks.Add("url", "url must be an absolute http(s):// address.");
        }
    }

    private static void CheckHeaders(JsonNode? headers, StepChecks checks)
    {
        if (headers is null)
        {
            return;
        }

        if (headers is not JsonObject given)
        {
            checks.Add("headers", "headers must be an object of header names to values.");
            return;
        }

        foreach (var (name, value) in given)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                checks.Add($"headers.{name}", "Not a valid header name.");
            }
            else if (Reserved.Contains(name))
            {
                checks.Add($"headers.{name}", $"{name} is set by Sentinel (signature, idempotency key or the HTTP client's own).");
            }
            else if (!StepJson.IsText(value))
            {
                checks.Add($"headers.{name}", "A header value must be text (a template).");
            }
            else
            {
                checks.Template($"headers.{name}", value!.GetValue<string>());
            }
        }
    }

    /// <summary>RFC 9110 token characters.</summary>
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
