using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;
using MiniExcelLibs;

namespace Integrations.IntegrationTests.Imports;

/// <summary>The pipeline's rules as an import meets them: the plan's record limit, an .xlsx upload, rows matched by id.</summary>
public sealed class ImportRulesTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_Refuses400NamingThePlan_WhenCreatingEveryRowWouldPassTheRecordLimit()
    {
        var (workspace, client) = await app.ClientInNewStarterWorkspaceAsync(Uploads.Importer);
        await client.ImportAsync(app, Uploads.Contacts(ImportsApp.StarterImportRows));

        using var response = await client.PostAsync(Uploads.Contacts(3, from: 100));

        Assert.Equal("This file has 3 rows, each of which would create a contact, but the Starter plan allows 7 records per workspace "
            + "and this one has 5, so there is room for 2. Remove rows from the file, delete records, or move to a larger plan.",
            await response.AssertInvalidFieldAsync("file"));
        Assert.Equal(5, (await ContactsAsync(workspace)).Count);
    }

    [Fact]
    public async Task Import_ReportsEveryRowOfTheChunkNamingThePlan_WhenItsUpsertsWouldPassTheRecordLimit()
    {
        var (workspace, client) = await app.ClientInNewStarterWorkspaceAsync(Uploads.Importer);
        await client.ImportAsync(app, Uploads.Contacts(ImportsApp.StarterImportRows));

        var done = await client.ImportAsync(app, Uploads.Contacts(ImportsApp.StarterImportRows, from: 100), mode: "upsert");

        Assert.Equal(("completed_with_errors", 0, 5), (done.GetProperty("status").GetString(), done.GetProperty("rows_succeeded").GetInt32(),
            done.GetProperty("rows_failed").GetInt32()));
        var errors = await client.GetStringAsync($"/api/v1/imports/{done.GetProperty("id").GetString()}/errors", Ct);
        Assert.Contains("2,The Starter plan allows 7 records per workspace and this one has 5; these changes would add 5.,Person 100", errors,
            StringComparison.Ordinal);
        Assert.Equal(5, (await ContactsAsync(workspace)).Count);
    }

    [Fact]
    public async Task Import_StoresRowsOfTheFirstSheet_WhenFileIsXlsx()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var workbook = new MemoryStream();
        workbook.SaveAs(new[]
        {
            new Dictionary<string, object?> { ["First Name"] = "Ada", ["E-mail"] = "ada@example.com", ["Tier"] = "gold" },
            new Dictionary<string, object?> { ["First Name"] = "Bob", ["E-mail"] = "bob@", ["Tier"] = null },
        });
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(workbook.ToArray()), "file", "contacts.xlsx" },
            { new StringContent("contact"), "object" },
            { new StringContent("create"), "mode" },
        };
        using var response = await client.PostAsync("/api/v1/imports", form, Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        await app.RunAsync(id);

        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal((1, 1), (done.GetProperty("rows_succeeded").GetInt32(), done.GetProperty("rows_failed").GetInt32()));
        var ada = Assert.Single(await ContactsAsync(workspace));
        Assert.Equal(("Ada", "ada@example.com", "gold"), ((string?)ada["first_name"], (string?)ada["email"], (string?)ada["custom_fields"]!["tier"]));
        var errors = await client.GetStringAsync($"/api/v1/imports/{id}/errors", Ct);
        Assert.Contains("3,email 'bob@' is not a valid email address.,Bob,bob@", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_RefusesRowsNamingOurRecords_AndKeepsOtherIdsAsACustomField_WhenCreateOnlyFileHasAnIdColumn()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        const string ours = "con_0193aaaaaaaa7aaa8aaaaaaaaaaaaaaa";

        var done = await client.ImportAsync(app, $"ID,email\r\n{ours},ada@example.com\r\n0035g00000XyZ12AAB,bob@example.com\r\n");

        var bob = Assert.Single(await ContactsAsync(workspace));
        Assert.Equal(("bob@example.com", "0035g00000XyZ12AAB"), ((string?)bob["email"], (string?)bob["custom_fields"]!["id"]));
        Assert.Equal(["ID"], done.GetProperty("custom_field_columns").EnumerateArray().Select(c => c.GetString()));
        var errors = await client.GetStringAsync($"/api/v1/imports/{done.GetProperty("id").GetString()}/errors", Ct);
        Assert.Contains($"2,\"id '{ours}' names a contact, and create only makes new contacts. Choose upsert to update it, or remove the id "
            + "column to create a copy.\"", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UpdatesTheRecordWithThatId_WhenFileHasAnIdColumn()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        await client.ImportAsync(app, "first_name,email\r\nAda,ada@example.com\r\n");
        var adaId = (string)(await ContactsAsync(workspace)).Single()["id"]!;
        const string unknown = "con_0193aaaaaaaa7aaa8aaaaaaaaaaaaaaa";

        var done = await client.ImportAsync(app,
            $"id,email,job_title\r\n{adaId},ada.new@example.com,CTO\r\n{unknown},x@example.com,Intern\r\nnot-an-id,y@example.com,Intern\r\n",
            mode: "upsert");

        Assert.Equal((1, 2), (done.GetProperty("rows_succeeded").GetInt32(), done.GetProperty("rows_failed").GetInt32()));
        Assert.Empty(done.GetProperty("custom_field_columns").EnumerateArray());
        var ada = Assert.Single(await ContactsAsync(workspace));
        Assert.Equal((adaId, "ada.new@example.com", "CTO"), ((string?)ada["id"], (string?)ada["email"], (string?)ada["job_title"]));
        var errors = await client.GetStringAsync($"/api/v1/imports/{done.GetProperty("id").GetString()}/errors", Ct);
        Assert.Contains($"3,No contact with id '{unknown}' exists in this workspace.", errors, StringComparison.Ordinal);
        Assert.Contains("4,id 'not-an-id' is not a contact id.", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ReadsTheDecimalComma_WhenTheFileIsSemicolonSeparated()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var id = await client.StartAsync("name;sku;price\r\nHalf;H-1;12,5\r\nGrand;G-1;1.500\r\nBig;B-1;1.234,56\r\nOdd;O-1;12,34,5\r\n",
            objectType: "product");

        await app.RunAsync(id);

        var prices = (await app.RecordsAsync(workspace, Integrations.Crm.Schema.RecordTypes.Product))
            .ToDictionary(p => (string)p["sku"]!, p => (decimal)p["price"]!);
        Assert.Equal(new Dictionary<string, decimal> { ["H-1"] = 12.5m, ["G-1"] = 1500m, ["B-1"] = 1234.56m }, prices);
        var errors = await client.GetStringAsync($"/api/v1/imports/{id}/errors", Ct);
        Assert.Contains("5,\"price '12,34,5' is not a number.\"", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_ListRejectedRowsAsRead_WhenTheyHoldMoreOrFewerCellsThanTheHeader()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);

        var done = await client.ImportAsync(app, "email,first_name\r\nada@example.com,Ada,stray,cells\r\nbob@\r\n");

        var errors = await client.GetStringAsync($"/api/v1/imports/{done.GetProperty("id").GetString()}/errors", Ct);
        Assert.Equal(
            "row_number,error_message,email,first_name\r\n"
            + "2,Row 2 has 4 values but the header has 2 columns.,ada@example.com,Ada,stray,cells\r\n"
            + "3,email 'bob@' is not a valid email address.,bob@,\r\n",
            errors);
    }

    private Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> ContactsAsync(Guid workspace) => app.ContactsAsync(workspace);
}
