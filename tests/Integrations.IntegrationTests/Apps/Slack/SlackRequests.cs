using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Integrations.IntegrationTests.Apps.Slack;

/// <summary>Events API requests the way Slack sends them: a JSON body, signed here as Slack documents it (v0).</summary>
internal static class SlackRequests
{
    public const string Path = "/api/v1/apps/slack/events";

    /// <summary>POSTs <paramref name="body"/> signed with <paramref name="secret"/> at <paramref name="at"/>; unsigned when
    /// the secret is null.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? secret, DateTimeOffset at,
        CancellationToken ct, int? retry = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
            request.Headers.Add("X-Slack-Signature", Sign(secret, timestamp, body));
        }

        if (retry is { } number)
        {
            request.Headers.Add("X-Slack-Retry-Num", number.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return await client.SendAsync(request, ct);
    }

    public static string Sign(string secret, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    public static string UrlVerification(string challenge) =>
        JsonSerializer.Serialize(new { token = "Jhj5dZrVaK7ZwHHjRyZWjbDl", challenge, type = "url_verification" });

    /// <summary>A message event; <paramref name="extra"/> adds fields to the message (<c>subtype</c>, <c>bot_id</c>…).</summary>
    public static string Message(string team, string channel, string text, string? eventId = null, Dictionary<string, object>? extra = null)
    {
        var message = new Dictionary<string, object>
        {
            ["type"] = "message", ["channel"] = channel, ["user"] = "U0ANA", ["text"] = text, ["ts"] = "1764800000.000100",
            ["event_ts"] = "1764800000.000100", ["channel_type"] = "channel",
        };
        foreach (var (name, value) in extra ?? [])
        {
            message[name] = value;
        }

        return Callback(team, message, eventId);
    }

    public static string Reaction(string team, string channel, string reaction, string? eventId = null) => Callback(team, new Dictionary<string, object>
    {
        ["type"] = "reaction_added", ["user"] = "U0BO", ["reaction"] = reaction, ["item_user"] = "U0ANA",
        ["item"] = new { type = "message", channel, ts = "1764800000.000100" }, ["event_ts"] = "1764800100.000200",
    }, eventId);

    public static string EventId() => "Ev" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static string Callback(string team, object e, string? eventId) => JsonSerializer.Serialize(new
    {
        token = "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        team_id = team,
        api_app_id = "A0SENTINEL",
        @event = e,
        type = "event_callback",
        authorizations = new[] { new { enterprise_id = (string?)null, team_id = team, user_id = "U0BOT", is_bot = true } },
        event_id = eventId ?? EventId(),
        event_time = 1764800000,
    });
}
