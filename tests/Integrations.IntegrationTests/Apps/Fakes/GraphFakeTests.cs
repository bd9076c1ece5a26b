using System.Net;
using System.Text.Json;
using Integrations.Testing;
using Integrations.Testing.Fakes.Graph;
using Integrations.Testing.Fakes.OAuth;

namespace Integrations.IntegrationTests.Apps.Fakes;

/// <summary>The fake Graph answers message delta the way Graph documents it: pages, a delta link, changes since, 410.</summary>
public sealed class GraphFakeTests
{
    private const string Redirect = "http://127.0.0.1:5999/integrations/apps/callback";
    private readonly ManualClock clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MessageDelta_PagesToADeltaLink_ThenAnswersOnlyChanges_And410OnceTheTokenExpired()
    {
        var graph = new FakeGraph(clock);
        await using var fake = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Microsoft) { Clock = clock, Apis = graph.Map });
        var account = new FakeAccount("bea@contoso.example", "Bea Souza");
        var token = fake.IssueTokens(fake.RegisterClient(Redirect), account, "offline_access", "Mail.Read").AccessToken;
        var box = graph.Mailbox(account.Email);
        var messages = Enumerable.Range(1, 3).Select(i => Message($"Hello {i}")).ToArray();
        box.Receive(messages);

        var first = await PageAsync(fake.Url("/v1.0/me/mailFolders/inbox/messages/delta?$select=subject"), token, 2);
        var second = await PageAsync(first.GetProperty("@odata.nextLink").GetString()!, token, 2);
        box.Receive(Message("Later"));
        box.Delete(messages[0].Id);
        var changes = await PageAsync(second.GetProperty("@odata.deltaLink").GetString()!, token, 2);
        box.ExpireDeltaTokens();
        using var gone = await Bearer.GetAsync(changes.GetProperty("@odata.deltaLink").GetString()!, token);

        Assert.Equal(["Hello 1", "Hello 2"], Subjects(first));
        Assert.Equal(["@odata.type", "@odata.etag", "id", "subject"], first.GetProperty("value")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["Hello 3"], Subjects(second));
        Assert.False(second.TryGetProperty("@odata.nextLink", out _));
        Assert.Equal(["Later", null], Subjects(changes));
        Assert.Equal("deleted", changes.GetProperty("value")[1].GetProperty("@removed").GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("SyncStateNotFound", JsonDocument.Parse(await gone.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private FakeGraphMessage Message(string subject) =>
        new() { Subject = subject, From = new FakeAddress("carl@customer.example", "Carl"), ReceivedAt = clock.GetUtcNow() };

    private static async Task<JsonElement> PageAsync(string url, string token, int size)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Authorization = new("Bearer", token) } };
        request.Headers.TryAddWithoutValidation("Prefer", $"odata.maxpagesize={size}");
        using var http = new HttpClient();
        using var response = await http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static IEnumerable<string?> Subjects(JsonElement page) =>
        page.GetProperty("value").EnumerateArray().Select(m => m.TryGetProperty("subject", out var s) ? s.GetString() : null);
}
