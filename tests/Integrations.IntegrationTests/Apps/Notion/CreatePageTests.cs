using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Integrations.IntegrationTests.Apps.Notion;

/// <summary><c>create_page</c>: a page in the database from plain property values, typed by the database's schema.</summary>
public sealed class CreatePageTests(NotionApp app) : IClassFixture<NotionApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreatePage_MakesTheTypedPage_AndAnswersItsIdAndUrl()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);

        using var ran = await (await app.WriterAsync()).PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_page", new
        {
            input = new
            {
                database_id = database.Id.Replace("-", "", StringComparison.Ordinal),
                properties = new Dictionary<string, object> { ["Name"] = "Acme", ["Email"] = "bo@acme.example", ["Stage"] = "Lead", ["Score"] = 42, ["Tags"] = new[] { "vip", "eu" } },
            },
        }, Ct);

        var body = await ran.Content.ReadAsStringAsync(Ct);
        Assert.True(ran.IsSuccessStatusCode, body);
        var result = JsonDocument.Parse(body).RootElement.GetProperty("result");
        var page = app.Notion.Page(result.GetProperty("page_id").GetString()!)!;
        Assert.Equal(database.Id, page.DatabaseId);
        Assert.Equal("Acme", page.Properties["Name"]);
        Assert.Equal("Lead", page.Properties["Stage"]);
        Assert.Equal(42m, page.Properties["Score"]);
        Assert.Equal(["vip", "eu"], (List<string?>)page.Properties["Tags"]!);
        Assert.StartsWith("https://www.notion.so/Acme-", result.GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePage_IsRefused_NamingAPropertyTheDatabaseLacks()
    {
        var (account, _, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);

        using var ran = await (await app.WriterAsync()).PostAsJsonAsync($"/api/v1/connections/{id}/actions/create_page", new
        {
            input = new { database_id = database.Id, properties = new Dictionary<string, object> { ["Name"] = "Acme", ["Budget"] = 10 } },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, ran.StatusCode);
        var errors = (await ran.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Contains("Budget", errors.GetProperty("input.properties.Budget")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(app.Notion.PagesOf(database));
    }
}
