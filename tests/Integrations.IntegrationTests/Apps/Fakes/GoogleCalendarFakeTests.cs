using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing.Fakes.GoogleCalendar;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>The Calendar fake pages, hands out a sync token, reports changes since it, and answers an expired one
/// with Google's 410 <c>fullSyncRequired</c>.</summary>
public sealed class GoogleCalendarFakeTests
{
    private static readonly HttpClient Http = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Events_PageThenSyncToken_ThenChangesOnly_Then410AfterExpiry()
    {
        var calendar = new FakeGoogleCalendar();
        await using var fake = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Google) { Apis = calendar.Map });
        var account = new FakeAccount("cal@example.com");
        var tokens = fake.IssueTokens(fake.RegisterClient("http://localhost/cb"), account, "https://www.googleapis.com/auth/calendar.events");
        var at = DateTimeOffset.UtcNow;
        var first = calendar.Put(account, new FakeCalendarEvent("One", at, at.AddHours(1), "bo@customer.example"));
        calendar.Put(account, new FakeCalendarEvent("Two", at.AddHours(2), at.AddHours(3)));
        var list = fake.Url("/calendar/v3/calendars/primary/events");

        var page1 = await GetAsync(list + $"?timeMin={Uri.EscapeDataString(at.AddDays(-1).ToString("O"))}&singleEvents=true&maxResults=1", tokens.AccessToken);
        var page2 = await GetAsync(list + $"?pageToken={Uri.EscapeDataString(page1.GetProperty("nextPageToken").GetString()!)}&maxResults=1", tokens.AccessToken);
        calendar.Cancel(account, first.Id);
        var changes = await GetAsync(list + $"?syncToken={page2.GetProperty("nextSyncToken").GetString()}", tokens.AccessToken);
        calendar.ExpireSyncTokens(account);
        using var gone = await SendAsync(list + $"?syncToken={changes.GetProperty("nextSyncToken").GetString()}", tokens.AccessToken);

        Assert.Equal("One", page1.GetProperty("items")[0].GetProperty("summary").GetString());
        Assert.False(page1.TryGetProperty("nextSyncToken", out _));
        Assert.Equal(["organizer", "attendee"], page1.GetProperty("items")[0].GetProperty("attendees").EnumerateArray()
            .Select(a => a.TryGetProperty("organizer", out _) ? "organizer" : "attendee"));
        Assert.Equal("Two", page2.GetProperty("items")[0].GetProperty("summary").GetString());
        var cancelled = Assert.Single(changes.GetProperty("items").EnumerateArray());
        Assert.Equal((first.Id, "cancelled"), (cancelled.GetProperty("id").GetString(), cancelled.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        var error = (await gone.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error");
        Assert.Equal("fullSyncRequired", error.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    private static async Task<JsonElement> GetAsync(string url, string token)
    {
        using var response = await SendAsync(url, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static Task<HttpResponseMessage> SendAsync(string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return Http.SendAsync(request, Ct);
    }
}
