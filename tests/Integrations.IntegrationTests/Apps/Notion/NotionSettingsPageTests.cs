using System.Net;
using System.Text.Json.Nodes;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Apps.Notion;

/// <summary>The connection's settings on the Notion app page: the database and the mapping, edited with the inbound
/// sources' mapping editor, checked by the same rules.</summary>
public sealed class NotionSettingsPageTests(NotionApp app) : IClassFixture<NotionApp>
{
    private const string Page = "/integrations/apps/notion";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Form(string databaseId, string target) => new()
    {
        ["settings.database_id"] = databaseId,
        ["settings.mapping.Object"] = "contact",
        ["settings.mapping.Fields[0].Target"] = target,
        ["settings.mapping.Fields[0].Kind"] = "path",
        ["settings.mapping.Fields[0].Expression"] = "$.properties.Email",
        ["settings.mapping.Fields[1].Target"] = "",
        ["settings.mapping.Fields[1].Expression"] = "",
        ["settings.mapping.UpsertBy"] = "external_id",
        ["settings.mapping.UpsertPath"] = "$.id",
    };

    [Fact]
    public async Task MappingEditor_SavesTheMapping_ThatTheSyncThenWritesBy()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var email = $"page.{key:N}@example.com";
        app.Notion.Put(database, new() { ["Name"] = "Ines", ["Email"] = email }, app.Clock.GetUtcNow());
        var admin = await app.SignInAsync(Ct);

        using var saved = await admin.PostFormAsync(Page, $"{Page}?handler=Settings&connectionId={id}", Form(database.Id, "email"), Ct);
        var shown = await admin.GetStringAsync(Page, Ct);
        var sync = await app.RunSyncAsync(key);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var settings = JsonNode.Parse((await app.ConnectionAsync(key)).Settings)!;
        Assert.Equal("$.properties.Email", (string?)settings["mapping"]!["fields"]![0]!["path"]);
        Assert.Equal("external_id", (string?)settings["mapping"]!["upsert"]!["by"]);
        Assert.Contains("value=\"$.properties.Email\"", shown, StringComparison.Ordinal);
        Assert.Null(sync.LastError);
        Assert.Single(await app.ContactsAsync(email));
    }

    [Fact]
    public async Task MappingEditor_ShowsTheRowsAgain_WithTheErrorBesideTheField()
    {
        var (account, key, id, _) = await app.ConnectAsync(Ct);
        var database = app.AddPeople(account);
        var admin = await app.SignInAsync(Ct);

        using var refused = await admin.PostFormAsync(Page, $"{Page}?handler=Settings&connectionId={id}", Form(database.Id, "shoe_size"), Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync(Ct);
        Assert.Contains("value=\"shoe_size\"", page, StringComparison.Ordinal);
        Assert.Contains("contact has no field &#x27;shoe_size&#x27;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("mapping", (await app.ConnectionAsync(key)).Settings, StringComparison.Ordinal);
    }
}
