using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Crm;

/// <summary>The admin's record pages, over HTTP as a signed-in browser uses them, against the admin's workspace.</summary>
public sealed class RecordPagesTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NewDealForm_CreatesDealThroughPipeline_WhenValid()
    {
        var client = await app.SignInAsync(Ct);
        var name = Unique("Renewal");

        var response = await client.PostFormAsync("/records/deal/new", new Dictionary<string, string>
        {
            ["Values[name]"] = name, ["Values[amount]"] = "12500.50", ["Values[currency]"] = "EUR",
            ["Values[stage]"] = "proposal", ["Values[close_date]"] = "2026-05-15", ["Values[account_id]"] = "", ["Values[contact_id]"] = "",
        }, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/records/deal", response.Headers.Location?.OriginalString);
        Assert.Contains($"Deal “{name}” created.", WebUtility.HtmlDecode(await client.GetStringAsync("/records/deal", Ct)), StringComparison.Ordinal);
        var deal = await FindAsync(RecordTypes.Deal, name);
        Assert.Equal(12500.50m, (decimal?)deal["amount"]);
        Assert.Equal("EUR", (string?)deal["currency"]);
        Assert.Equal("proposal", (string?)deal["stage"]);
        Assert.Equal("2026-05-15", (string?)deal["close_date"]);
        var audit = await InAdminWorkspaceAsync(s => s.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>()
            .SingleAsync(a => a.ObjectId == (string)deal["id"]!, Ct));
        Assert.Equal(("deal.created", AuditTrail.Name(ChangeSource.Ui)), (audit.Action, audit.Source));
    }

    [Fact]
    public async Task EditForm_MovesDealToClosedWon_WhenStageChosen()
    {
        var client = await app.SignInAsync(Ct);
        var account = await CreateAsync(RecordTypes.Account, new JsonObject { ["name"] = Unique("Acme") });
        var deal = await CreateAsync(RecordTypes.Deal,
            new JsonObject { ["name"] = Unique("Expansion"), ["amount"] = "900", ["account_id"] = account["id"]!.DeepClone() });
        var url = $"/records/deal/{deal["id"]}";
        var form = await client.GetStringAsync(url, Ct);
        Assert.Contains($"<option value=\"{account["id"]}\" selected=\"selected\">{account["name"]}</option>", form, StringComparison.Ordinal);
        Assert.Contains("name=\"Values[amount]\" value=\"900.00\"", form, StringComparison.Ordinal);

        var response = await client.PostFormAsync(url, FormOf(RecordTypes.Deal, deal, ("stage", "closed_won")), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(RecordTypes.Deal, deal);
        Assert.Equal(DealStages.ClosedWon, (string?)stored!["stage"]);
        Assert.Equal(900m, (decimal?)stored["amount"]);
        Assert.Equal((string?)account["id"], (string?)stored["account_id"]);
        var list = await client.GetStringAsync($"/records/deal?q={deal["name"]}", Ct);
        Assert.Contains("<span class=\"badge badge-ok\">Closed Won</span>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewDealForm_ShowsFieldErrorAndStoresNothing_WhenAmountNegative()
    {
        var client = await app.SignInAsync(Ct);
        var name = Unique("Refund");

        var response = await client.PostFormAsync("/records/deal/new", new Dictionary<string, string>
        {
            ["Values[name]"] = name, ["Values[amount]"] = "-5", ["Values[currency]"] = "USD", ["Values[stage]"] = "prospecting",
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<span class=\"field-error\">amount must not be negative (got -5).</span>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"-5\"", html, StringComparison.Ordinal);
        var found = await InAdminWorkspaceAsync(s => s.GetRequiredService<RecordReader>()
            .ListAsync(RecordTypes.Deal, new RecordListQuery(Search: name), Ct));
        Assert.Empty(found.Data);
    }

    [Fact]
    public async Task EditForm_ClearsField_WhenBoxEmptied()
    {
        var client = await app.SignInAsync(Ct);
        var contact = await CreateAsync(RecordTypes.Contact,
            new JsonObject { ["first_name"] = Unique("Grace"), ["email"] = Unique("grace") + "@example.com", ["phone"] = "+1 555 0100" });

        var response = await client.PostFormAsync($"/records/contact/{contact["id"]}", FormOf(RecordTypes.Contact, contact, ("phone", "")), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await StoredAsync(RecordTypes.Contact, contact);
        Assert.Null(stored!["phone"]);
        Assert.Equal((string?)contact["email"], (string?)stored["email"]);
    }

    [Fact]
    public async Task DeleteButton_RemovesRecord_WhenPosted()
    {
        var client = await app.SignInAsync(Ct);
        var product = await CreateAsync(RecordTypes.Product, new JsonObject { ["name"] = Unique("Widget"), ["price"] = "4.99" });
        var url = $"/records/product/{product["id"]}";

        var response = await client.PostFormAsync(url, url + "?handler=Delete", new Dictionary<string, string>(), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"Product “{product["name"]}” deleted.", WebUtility.HtmlDecode(await client.GetStringAsync("/records/product", Ct)), StringComparison.Ordinal);
        Assert.Null(await StoredAsync(RecordTypes.Product, product));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, Ct)).StatusCode);
    }

    [Fact]
    public async Task List_LinksToOlderRecords_WhenMoreThanOnePage()
    {
        var client = await app.SignInAsync(Ct);
        var tag = Unique("Batch");
        await InAdminWorkspaceAsync(s => s.GetRequiredService<RecordPipeline>().ApplyAsync(RecordTypes.Contact,
            Enumerable.Range(1, 51).Select(i => new RecordCommand(RecordOperation.Create, null,
                new JsonObject { ["first_name"] = $"Person{i:00}", ["last_name"] = tag })).ToList(), new RecordBatchOptions(), Ct));

        var first = await client.GetStringAsync($"/records/contact?q={tag}", Ct);
        var older = Regex.Match(first, "href=\"([^\"]+)\">Older →</a>");
        var second = await client.GetStringAsync(WebUtility.HtmlDecode(older.Groups[1].Value), Ct);

        Assert.True(older.Success);
        Assert.Equal(50, People(first).Count);
        Assert.Single(People(second));
        Assert.Equal(51, People(first).Union(People(second)).Count());
        Assert.DoesNotContain("Older →", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/records/widgets")]
    [InlineData("/records/widgets/new")]
    [InlineData("/records/deal/con_0193a5b1c2d34e5f8a9b0c1d2e3f4a5b")]
    public async Task Pages_ReturnNotFound_WhenObjectOrRecordUnknown(string url)
    {
        var client = await app.SignInAsync(Ct);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url, Ct)).StatusCode);
    }

    [Fact]
    public async Task List_RedirectsToSignIn_WhenSignedOut()
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/records/deal", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    private static List<string> People(string html) => Regex.Matches(html, ">(Person\\d\\d)<").Select(m => m.Groups[1].Value).ToList();

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)];

    /// <summary>The record as stored now, or null once deleted.</summary>
    private Task<JsonObject?> StoredAsync(RecordType type, JsonObject record) =>
        InAdminWorkspaceAsync(s => s.GetRequiredService<RecordReader>().GetAsync(type,
            PublicId.TryParse(type.Prefix, (string?)record["id"], out var id) ? id : throw new ArgumentException("No id.", nameof(record)), Ct));

    /// <summary>What a browser submits for a record's form: every field as text, with some changed.</summary>
    private static Dictionary<string, string> FormOf(RecordType type, JsonObject record, params (string Field, string Value)[] changes)
    {
        var form = type.Fields.ToDictionary(f => $"Values[{f.Name}]", f => record[f.Name] is { } value ? value.ToString() : "");
        foreach (var (field, value) in changes)
        {
            form[$"Values[{field}]"] = value;
        }

        return form;
    }

    private Task<JsonObject> CreateAsync(RecordType type, JsonObject fields) =>
        InAdminWorkspaceAsync(async s => (await s.GetRequiredService<RecordPipeline>().CreateAsync(type, fields, Ct)).Record
            ?? throw new InvalidOperationException($"Arranging a {type.Name} failed."));

    private async Task<JsonObject> FindAsync(RecordType type, string search) =>
        Assert.Single((await InAdminWorkspaceAsync(s => s.GetRequiredService<RecordReader>()
            .ListAsync(type, new RecordListQuery(Search: search), Ct))).Data);

    /// <summary>Runs <paramref name="work"/> as the system in the admin's workspace (the app's first).</summary>
    private async Task<T> InAdminWorkspaceAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().FirstAsync(Ct);
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace!.Id);
        return await work(scope.ServiceProvider);
    }
}
