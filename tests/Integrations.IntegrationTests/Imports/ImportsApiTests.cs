using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Integrations.IntegrationTests.Imports;

public sealed class ImportsApiTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_StoresGoodRowsAndReportsBadOnes_WhenSomeRowsAreInvalid()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        const string csv = "first_name,email,Lead Source\r\nAda,ada@example.com,fair\r\nBob,bob@,web\r\n,,referral\r\nCy,cy@example.com,\r\n";

        using var response = await client.PostAsync(csv);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = queued.GetProperty("id").GetString()!;
        Assert.StartsWith("imp_", id, StringComparison.Ordinal);
        Assert.Equal("queued", queued.GetProperty("status").GetString());
        Assert.Equal(4, queued.GetProperty("rows_total").GetInt32());
        Assert.Equal("Lead Source", queued.GetProperty("custom_field_columns")[0].GetString());
        await app.RunAsync(id);
        var done = await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
        Assert.Equal("completed_with_errors", done.GetProperty("status").GetString());
        Assert.Equal((4, 2, 2), (done.GetProperty("rows_processed").GetInt32(), done.GetProperty("rows_succeeded").GetInt32(),
            done.GetProperty("rows_failed").GetInt32()));
        Assert.Equal(["ada@example.com", "cy@example.com"], await EmailsAsync(workspace));
        var errors = await client.GetAsync($"/api/v1/imports/{id}/errors", Ct);
        Assert.Equal("text/csv", errors.Content.Headers.ContentType?.MediaType);
        var lines = (await errors.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "row_number,error_message,first_name,email,Lead Source",
            "3,email 'bob@' is not a valid email address.,Bob,bob@,web",
            "4,\"A contact needs at least one of: email, first_name, last_name.\",,,referral",
        ], lines);
        var (actions, completed) = await AuditAndEventAsync(workspace, id);
        Assert.Equal(["import.completed", "import.started"], actions);
        Assert.Equal(id, completed.GetProperty("import_id").GetString());
        Assert.Equal((4, 2, 2), (completed.GetProperty("rows").GetInt32(), completed.GetProperty("succeeded").GetInt32(),
            completed.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Import_UpdatesByEmailInsteadOfDuplicating_WhenModeIsUpsert()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        await client.ImportAsync(app, "first_name,email,job_title\r\nAda,ada@example.com,Engineer\r\n");

        var done = await client.ImportAsync(app, "email,job_title\r\nADA@example.com,CTO\r\nnew@example.com,Intern\r\n", mode: "upsert");

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(["ada@example.com", "new@example.com"], await EmailsAsync(workspace));
        var ada = (await ContactsAsync(workspace)).Single(c => (string?)c["email"] == "ada@example.com");
        Assert.Equal(("Ada", "CTO"), ((string?)ada["first_name"], (string?)ada["job_title"]));
    }

    [Fact]
    public async Task Start_Refuses400NamingFile_WhenFileHasMoreRowsThanThePlanImports()
    {
        var (workspace, client) = await app.ClientInNewStarterWorkspaceAsync(Uploads.Importer);
        var filesBefore = UploadedFiles();

        using var response = await client.PostAsync(Uploads.Contacts(ImportsApp.StarterImportRows + 1));

        Assert.Equal("This file has 6 rows; the Starter plan imports at most 5 at a time.", await response.AssertInvalidFieldAsync("file"));
        Assert.Equal(filesBefore, UploadedFiles());
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/imports", Ct);
        Assert.Empty(list.GetProperty("data").EnumerateArray());
        Assert.Empty(await EmailsAsync(workspace));
    }

    [Fact]
    public async Task Start_Refuses400NamingFileAndKeepsNoUpload_WhenWorkbookIsWiderThanAThousandColumns()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Writer);
        var filesBefore = UploadedFiles();
        var workbook = new MemoryStream();
        workbook.SaveAs(new[] { Enumerable.Range(1, 1_001).ToDictionary(i => i == 1 ? "email" : $"extra {i}", object? (_) => "x") });

        using var response = await client.PostAsync(workbook.ToArray(), "contacts.xlsx");

        Assert.StartsWith("Row 1 has a value in cell ALM1, past column ALL: an import reads at most 1,000 columns.",
            await response.AssertInvalidFieldAsync("file"), StringComparison.Ordinal);
        Assert.Equal(filesBefore, UploadedFiles());
    }

    [Fact]
    public async Task Start_LeavesNoUpload_WhenTheRequestIsAbortedDuringTheCheck()
    {
        var (workspace, _) = await app.ClientInNewWorkspaceAsync(Uploads.Writer);
        var filesBefore = UploadedFiles();
        var workbook = new MemoryStream();
        workbook.SaveAs(new[] { new Dictionary<string, object?> { ["email"] = "ada@example.com" } });
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        var jobs = scope.ServiceProvider.GetRequiredService<ImportJobs>();

        // The client goes away once the upload is saved, while the file is being checked.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => jobs.StartAsync(
            new CancelAtEndStream(workbook.ToArray(), aborted), "contacts.xlsx", RecordTypes.Contact, ImportMode.CreateOnly, aborted.Token));

        Assert.Equal(filesBefore, UploadedFiles());
    }

    [Theory]
    [InlineData("", "contact", "The file is empty.")]
    [InlineData("\r\n\r\n", "contact", "The file is empty.")]
    [InlineData("first_name,email\r\n", "contact", "The file has a header row but no data rows.")]
    [InlineData("domain,industry\r\nexample.com,Retail\r\n", "account", "The file has no name column, which every account needs.")]
    public async Task Start_Refuses400NamingFile_WhenFileCannotBeImported(string csv, string objectType, string message)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Writer);

        using var response = await client.PostAsync(csv, objectType);

        Assert.StartsWith(message, await response.AssertInvalidFieldAsync("file"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Refuses400NamingFile_WhenTheMultipartBodyIsCutShort()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Writer);
        var body = new StringContent(
            "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\n\r\nfirst_name\r\nAda\r\n");
        body.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        var filesBefore = UploadedFiles();

        using var response = await client.PostAsync("/api/v1/imports", body, Ct);

        Assert.Equal("The upload ended before the whole file arrived. Upload the file again.", await response.AssertInvalidFieldAsync("file"));
        Assert.Equal(filesBefore, UploadedFiles());
    }

    [Fact]
    public async Task Import_ReadsTheFileByItsContent_WhenACsvIsNamedXlsx()
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);

        var id = await client.StartAsync(Uploads.Contacts(2), fileName: "contacts.xlsx");
        await app.RunAsync(id);

        Assert.Equal(2, (await app.ContactsAsync(workspace)).Count);
    }

    [Fact]
    public async Task Start_ListsTheFileByItsLastPathSegment_ShortenedAndWithoutControlCharacters()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);
        var longName = "C:\\Users\\ada\\x\u0001" + new string('x', 300) + ".csv";

        using var response = await client.PostAsync(Uploads.Contacts(1), fileName: longName);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var fileName = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("file_name").GetString()!;
        Assert.Equal((255, "x\uFFFDx", "x….csv"), (fileName.Length, fileName[..3], fileName[^6..]));
    }

    [Theory]
    [InlineData("invoice", "create", "object")]
    [InlineData("contact", "merge", "mode")]
    public async Task Start_Refuses400NamingField_WhenObjectOrModeIsUnknown(string objectType, string mode, string field)
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync(Uploads.Writer);

        using var response = await client.PostAsync(Uploads.Contacts(1), objectType, mode);

        await response.AssertInvalidFieldAsync(field);
    }

    [Fact]
    public async Task Start_Answers403_WhenKeyHasOnlyReadScope()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("imports:read");

        using var response = await client.PostAsync(Uploads.Contacts(1));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Imports_Answer404_ForAnotherWorkspacesImport()
    {
        var (_, owner) = await app.ClientInNewWorkspaceAsync(Uploads.Writer);
        var id = await owner.StartAsync(Uploads.Contacts(1));
        var (_, other) = await app.ClientInNewWorkspaceAsync(Uploads.Importer);

        await (await other.GetAsync($"/api/v1/imports/{id}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/imports/{id}/errors", Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/v1/imports/{id}/cancel", null, Ct)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("contact", "create", "crm:write")]
    [InlineData("deal", "create", "crm:write")]
    [InlineData("product", "create", "commerce:write")]
    public async Task Start_Answers403NamingTheObjectsWriteScope_AndStoresNothing_WhenTheKeyHoldsOnlyImportsWrite(
        string objectType, string mode, string missing)
    {
        var (workspace, client) = await app.ClientInNewWorkspaceAsync("imports:read", "imports:write", "crm:read", "commerce:read");
        var filesBefore = UploadedFiles();

        using var response = await client.PostAsync("name,email\r\nAda,ada@example.com\r\n", objectType, mode);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(missing, problem.GetProperty("required_scope").GetString());
        Assert.Equal(filesBefore, UploadedFiles());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/imports", Ct)).GetProperty("data").EnumerateArray());
        Assert.Empty(await ContactsAsync(workspace));
    }

    [Fact]
    public async Task Start_Answers403NamingBulkWrite_WhenAnUpsertKeyHoldsTheWriteScopeButNotBulk()
    {
        var (_, client) = await app.ClientInNewWorkspaceAsync("imports:write", "crm:write");

        using var upsert = await client.PostAsync(Uploads.Contacts(1), mode: "upsert");
        using var create = await client.PostAsync(Uploads.Contacts(1), mode: "create");

        Assert.Equal("bulk:write", (await upsert.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal(HttpStatusCode.Accepted, create.StatusCode);
    }

    private string[] UploadedFiles() =>
        Directory.Exists(app.UploadFolder) ? Directory.GetFiles(app.UploadFolder).Order().ToArray() : [];

    private async Task<List<string?>> EmailsAsync(Guid workspace) =>
        (await ContactsAsync(workspace)).Select(c => (string?)c["email"]).Order().ToList();

    private Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> ContactsAsync(Guid workspace) => app.ContactsAsync(workspace);

    private async Task<(List<string> Actions, JsonElement CompletedEvent)> AuditAndEventAsync(Guid workspace, string importId)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var actions = await db.Set<AuditEntry>().Where(a => a.ObjectId == importId).Select(a => a.Action).OrderBy(a => a).ToListAsync(Ct);
        var data = await db.Set<StoredEvent>().Where(e => e.Type == "import.completed").Select(e => e.Data).SingleAsync(Ct);
        return (actions, JsonDocument.Parse(data!).RootElement);
    }
}
