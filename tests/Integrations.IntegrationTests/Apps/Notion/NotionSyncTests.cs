using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.IntegrationTests.Apps.Notion;

/// <summary>The database sync: every page the first time (paged), then only the pages edited since, written as records
/// by the connection's mapping; the mapping checked when it is saved, and a page it cannot write named in the sync's error.</summary>
public sealed class NotionSyncTests(NotionApp app) : IClassFixture<NotionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sync_WritesEveryPage_ThenOnlyThePagesEditedSince()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var start = app.Clock.GetUtcNow().AddDays(-3);
        var emails = Enumerable.Range(0, 3).Select(i => $"p{i}.{key:N}@example.com").ToList();
        var pages = emails.Select((e, i) => app.Notion.Put(database, new() { ["Name"] = $"Person {i}", ["Email"] = e, ["Role"] = "Buyer" }, start.AddMinutes(i))).ToList();
        Assert.Equal(HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);
        app.Notion.MaxPageSize = 2;

        var first = await app.RunSyncAsync(key);
        var queriesBefore = app.Notion.Queries.Count;
        pages[1].Properties["Role"] = "Champion";
        pages[1].LastEditedTime = start.AddHours(2);
        app.Notion.Put(database, new() { ["Name"] = "Person 3", ["Email"] = $"p3.{key:N}@example.com" }, start.AddHours(2));
        var second = await app.RunSyncAsync(key);

        Assert.Null(first.LastError);
        Assert.Null(second.LastError);
        foreach (var email in emails.Append($"p3.{key:N}@example.com"))
        {
            Assert.Single(await app.ContactsAsync(email));
        }

        Assert.Equal("Champion", (await app.ContactsAsync(emails[1]))[0].GetProperty("job_title").GetString());
        Assert.Equal(3, first.ItemsSynced);
        Assert.Equal(5, second.ItemsSynced);
        var incremental = app.Notion.Queries.Skip(queriesBefore).ToList();
        Assert.All(incremental, q => Assert.Equal(pages[2].LastEditedTime, q.GetProperty("filter").GetProperty("last_edited_time").GetProperty("on_or_after").GetDateTimeOffset()));
        Assert.All(app.Notion.Versions, v => Assert.Equal(NotionApp.ApiVersion, v));
        app.Notion.MaxPageSize = 100;
    }

    [Fact]
    public async Task Settings_RefuseAMappingToAFieldTheObjectLacks_NamingIt()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var mapping = new JsonObject
        {
            ["object"] = "contact",
            ["fields"] = new JsonArray(new JsonObject { ["field"] = "favourite_colour", ["path"] = "$.properties.Email" }),
            ["upsert"] = new JsonObject { ["by"] = "external_id", ["path"] = "$.id" },
        };

        using var refused = await app.ConfigureAsync(id, database.Id, mapping);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("favourite_colour", errors.GetProperty("settings.mapping.fields[0].field")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WritesThePagesItCan_AndNamesThePageTheMappingCannotWrite()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var good = app.Notion.Put(database, new() { ["Name"] = "Ok", ["Email"] = $"ok.{key:N}@example.com" }, app.Clock.GetUtcNow().AddHours(-2));
        var bad = app.Notion.Put(database, new() { ["Name"] = "No mail", ["Email"] = "not an email" }, app.Clock.GetUtcNow().AddHours(-1));
        Assert.Equal(HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);

        var sync = await app.RunSyncAsync(key);

        Assert.Single(await app.ContactsAsync($"ok.{key:N}@example.com"));
        Assert.Contains(bad.Id, sync.LastError, StringComparison.Ordinal);
        Assert.Contains("email", sync.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(good.Id, sync.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_SaysToChooseTheDatabase_WhenNoneIsSet()
    {
        var (_, key, _, _) = await app.ConnectAsync(Ct);

        var sync = await app.RunSyncAsync(key);

        Assert.Contains("Choose the Notion database", sync.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_WaitsForNotionsRetryAfter_WhenRateLimited()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        Assert.Equal(HttpStatusCode.OK, (await app.ConfigureAsync(id, database.Id)).StatusCode);
        app.Provider.InjectFault($"/v1/databases/{database.Id}/query", Integrations.Testing.Fakes.OAuth.FakeFault.TooManyRequests(TimeSpan.FromSeconds(30)));

        var sync = await app.RunSyncAsync(key);

        Assert.Contains("throttling", sync.LastError, StringComparison.Ordinal);
        Assert.True(sync.NextRunAt >= app.Clock.GetUtcNow().AddSeconds(29), $"next run at {sync.NextRunAt}");
    }
}
