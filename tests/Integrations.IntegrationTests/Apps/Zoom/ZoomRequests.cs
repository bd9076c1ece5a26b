using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integrations.Testing.Fakes.OAuth;
using Integrations.Testing.Fakes.Zoom;

namespace Integrations.IntegrationTests.Apps.Zoom;

/// <summary>Webhook requests the way Zoom sends them: a JSON body, signed here as Zoom documents it (<c>x-zm-signature</c>).</summary>
internal static class ZoomRequests
{
    public const string Path = "/api/v1/apps/zoom/webhook";

    /// <summary>POSTs <paramref name="body"/> signed with <paramref name="secret"/> at <paramref name="at"/>; unsigned when null.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? secret, DateTimeOffset at, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("x-zm-request-timestamp", timestamp);
            request.Headers.Add("x-zm-signature",
                "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}"))));
        }

        return await client.SendAsync(request, ct);
    }

    public static string UrlValidation(string plainToken) =>
        JsonSerializer.Serialize(new { payload = new { plainToken }, event_ts = 1_764_800_000_000L, @event = "endpoint.url_validation" });

    public static string MeetingEnded(FakeAccount host, FakeZoomMeeting meeting, DateTimeOffset endedAt) => Event("meeting.ended", host, new Dictionary<string, object?>
    {
        ["id"] = meeting.Id.ToString(CultureInfo.InvariantCulture), ["uuid"] = meeting.Uuid, ["host_id"] = FakeZoomIds.UserId(host),
        ["topic"] = meeting.Topic, ["type"] = 2, ["start_time"] = Stamp(meeting.Start), ["timezone"] = "UTC", ["duration"] = meeting.Duration,
        ["end_time"] = Stamp(endedAt),
    });

    public static string ParticipantJoined(FakeAccount host, FakeZoomMeeting meeting, string name, string email, DateTimeOffset joinedAt) =>
        Event("meeting.participant_joined", host, new Dictionary<string, object?>
        {
            ["id"] = meeting.Id.ToString(CultureInfo.InvariantCulture), ["uuid"] = meeting.Uuid, ["host_id"] = FakeZoomIds.UserId(host),
            ["topic"] = meeting.Topic, ["type"] = 2, ["start_time"] = Stamp(meeting.Start), ["timezone"] = "UTC", ["duration"] = meeting.Duration,
            ["participant"] = new Dictionary<string, object?>
            {
                ["user_id"] = "16778240", ["user_name"] = name, ["id"] = "iFxeBPYun6SAiWUzBcEkX", ["participant_uuid"] = Guid.NewGuid().ToString("N"),
                ["join_time"] = Stamp(joinedAt), ["email"] = email, ["participant_user_id"] = "",
            },
        });

    private static string Event(string name, FakeAccount host, Dictionary<string, object?> item) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["event"] = name,
        ["event_ts"] = 1_764_800_000_000L,
        ["payload"] = new Dictionary<string, object?> { ["account_id"] = FakeZoomIds.AccountId(host), ["object"] = item },
    });

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
