using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integrations.Crm.Entities;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Imports;

public sealed partial class ImportsPageTests(ImportsApp app) : IClassFixture<ImportsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportsPage_ShowsTheColumnGuide_ForTheChosenObject()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var products = await client.GetStringAsync("/integrations/imports?object=product", Ct);
        var contacts = await client.GetStringAsync("/integrations/imports", Ct);

        Assert.Contains("product code", products, StringComparison.Ordinal);
        Assert.Contains("Columns for products", products, StringComparison.Ordinal);
        Assert.Contains("e-mail", contacts, StringComparison.Ordinal);
        Assert.Contains("Each row needs at least one of: email, first_name, last_name.", contacts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Template_DownloadsACsvWithTheObjectsColumns()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var response = await client.GetAsync("/integrations/imports?object=deal&handler=Template", Ct);
        var csv = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("deal-import-template.csv", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("name,amount,currency,stage,close_date,account_id,contact_id\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n").Length);
    }

    [Fact]
    public async Task ImportsPage_Is404_ForAnUnknownObject()
    {
        var client = app.CreateClient();
        await SentinelApp.SignInAsync(client, Ct);

        var response = await client.GetAsync("/integrations/imports?object=invoice", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Upload_QueuesJobShownInTable_WhenFormPostsACsv()
    {
        var client = await app.SignInAsync(Ct);

        using var response = await UploadAsync(client, Uploads.Contacts(3), "queued-contacts.csv", "Upsert");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/integrations/imports?object=contact&mode=Upsert", response.Headers.Location!.OriginalString);
        var job = await JobAsync(client, "queued-contacts.csv");
        Assert.Equal(("Queued", "Upsert", "Contacts", "0 / 3", 0, true),
            (job.GetProperty("status").GetString(), job.GetProperty("mode").GetString(), job.GetProperty("objectLabel").GetString(),
                job.GetProperty("rows").GetString(), job.GetProperty("percent").GetInt32(), job.GetProperty("active").GetBoolean()));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/integrations/imports?object=contact", Ct));
        Assert.Contains("Import of 3 rows from “queued-contacts.csv” started", page, StringComparison.Ordinal);
        Assert.Contains($"data-job-id=\"{job.GetProperty("id").GetString()}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ShowsRefusalAndStoresNothing_WhenFileHasNoDataRows()
    {
        var client = await app.SignInAsync(Ct);

        using var response = await UploadAsync(client, "first_name,email\r\n", "header-only.csv", "CreateOnly");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("role=\"alert\">The file has a header row but no data rows.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(await JobsAsync(client), j => j.GetProperty("fileName").GetString() == "header-only.csv");
    }

    [Fact]
    public async Task Errors_StreamsCsvOfRejectedRows_WhenJobCompletedWithErrors()
    {
        var client = await app.SignInAsync(Ct);
        using var _ = await UploadAsync(client, "first_name,email\r\nAda,ada-one-bad@example.com\r\nBob,bob@\r\n", "one-bad.csv", "CreateOnly");
        var id = (await JobAsync(client, "one-bad.csv")).GetProperty("id").GetString()!;

        await app.RunAsync(id);

        var job = await JobAsync(client, "one-bad.csv");
        Assert.Equal(("Completed with errors", 100, "2 / 2", "50%", 1, false),
            (job.GetProperty("status").GetString(), job.GetProperty("percent").GetInt32(), job.GetProperty("rows").GetString(),
                job.GetProperty("successRate").GetString(), job.GetProperty("failed").GetInt32(), job.GetProperty("active").GetBoolean()));
        using var errors = await client.GetAsync($"/integrations/imports?handler=Errors&id={id}", Ct);
        Assert.Equal("text/csv", errors.Content.Headers.ContentType!.MediaType);
        Assert.Equal("one-bad-errors.csv", errors.Content.Headers.ContentDisposition!.FileName);
        var lines = (await errors.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["row_number,error_message,first_name,email", "3,email 'bob@' is not a valid email address.,Bob,bob@"], lines);
    }

    [Fact]
    public async Task ErrorFile_ImportsBackOnceFixed_WithoutItsOwnColumnsBecomingCustomFields()
    {
        var client = await app.SignInAsync(Ct);
        using var _ = await UploadAsync(client, "first_name,email,phone\r\nAda,ada-fix@example.com,\r\nBob,bob@,+1 555 0100\r\n", "to-fix.csv", "CreateOnly");
        var id = (await JobAsync(client, "to-fix.csv")).GetProperty("id").GetString()!;
        await app.RunAsync(id);
        var errors = (await client.GetStringAsync($"/integrations/imports?handler=Errors&id={id}", Ct)).TrimStart('\uFEFF');
        Assert.Equal("row_number,error_message,first_name,email,phone\r\n3,email 'bob@' is not a valid email address.,Bob,bob@,'+1 555 0100\r\n", errors);

        using var __ = await UploadAsync(client, errors.Replace("bob@,", "bob-fixed@example.com,", StringComparison.Ordinal), "to-fix-errors.csv", "CreateOnly");
        var fixedJob = await JobAsync(client, "to-fix-errors.csv");
        await app.RunAsync(fixedJob.GetProperty("id").GetString()!);

        var job = await JobAsync(client, "to-fix-errors.csv");
        Assert.Equal(("Completed", "", 0), (job.GetProperty("status").GetString(), job.GetProperty("customFields").GetString(), job.GetProperty("failed").GetInt32()));
        await using var scope = app.Scope();
        var bob = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Contact>().IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(c => c.Email == "bob-fixed@example.com", Ct);
        Assert.Equal(("+1 555 0100", "{}"), (bob.Phone, bob.CustomFields));
    }

    [Theory]
    [InlineData("contact")]
    [InlineData("account")]
    [InlineData("deal")]
    [InlineData("product")]
    public async Task Template_ImportsWithoutErrors_AsDownloaded(string objectName)
    {
        var client = await app.SignInAsync(Ct);
        var template = await client.GetStringAsync($"/integrations/imports?object={objectName}&handler=Template", Ct);
        var fileName = $"template-{objectName}-{Guid.NewGuid():N}.csv";
        using var _ = await UploadAsync(client, template, fileName, "Upsert", objectName);

        await app.RunAsync((await JobAsync(client, fileName)).GetProperty("id").GetString()!);

        var job = await JobAsync(client, fileName);
        Assert.Equal(("Completed", "1 / 1", 0), (job.GetProperty("status").GetString(), job.GetProperty("rows").GetString(), job.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Upload_SaysWhichColumnsBecameCustomFields_InTheNoticeAndOnTheJob()
    {
        var client = await app.SignInAsync(Ct);

        using var _ = await UploadAsync(client, "first_name,Favourite Colour,Tier Level\r\nAda,Teal,Gold\r\n", "custom-columns.csv", "CreateOnly");

        const string said = "The columns “Favourite Colour”, “Tier Level” match no field and are kept as custom fields.";
        Assert.Equal(said, (await JobAsync(client, "custom-columns.csv")).GetProperty("customFields").GetString());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/integrations/imports?object=contact", Ct));
        Assert.Contains("started; its progress shows in the table below. " + said, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobTable_ShowsWhyAnImportFailed()
    {
        var client = await app.SignInAsync(Ct);
        using var _ = await UploadAsync(client, Uploads.Contacts(2), "vanishing.csv", "CreateOnly");
        var id = (await JobAsync(client, "vanishing.csv")).GetProperty("id").GetString()!;
        Assert.True(PublicId.TryParse(IdPrefixes.Import, id, out var jobId));
        File.Delete(Path.Combine(app.UploadFolder, jobId.ToString("N") + ".csv"));

        await app.RunAsync(id);

        var job = await JobAsync(client, "vanishing.csv");
        Assert.Equal(("Failed", "bad", "The uploaded file is no longer available; upload it again."),
            (job.GetProperty("status").GetString(), job.GetProperty("state").GetString(), job.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Upload_SaysTheFileIsEmpty_WhenItHasNoBytes()
    {
        var client = await app.SignInAsync(Ct);

        using var response = await UploadAsync(client, "", "nothing.csv", "CreateOnly");

        Assert.Contains("role=\"alert\">The file is empty.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelForm_ComesBackToTheTabItWasClickedOn()
    {
        var client = await app.SignInAsync(Ct);
        using var _ = await UploadAsync(client, Uploads.Contacts(2), "cancel-from-tab.csv", "CreateOnly");
        var id = (await JobAsync(client, "cancel-from-tab.csv")).GetProperty("id").GetString()!;

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/integrations/imports?object=account", Ct));

        Assert.Contains($"action=\"/integrations/imports?id={id}&object=account&handler=Cancel\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_KeepsTheUploadFormsMode_WhenUpsertWasChosen()
    {
        var client = await app.SignInAsync(Ct);
        using var _ = await UploadAsync(client, Uploads.Contacts(2), "cancel-keeps-mode.csv", "Upsert");
        var id = (await JobAsync(client, "cancel-keeps-mode.csv")).GetProperty("id").GetString()!;
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/integrations/imports?object=contact&mode=Upsert", Ct));
        var action = $"/integrations/imports?id={id}&object=contact&mode=Upsert&handler=Cancel";
        Assert.Contains($"action=\"{action}\"", page, StringComparison.Ordinal);

        using var response = await client.PostFormAsync("/integrations/imports?object=contact&mode=Upsert", action,
            new Dictionary<string, string>(), Ct);

        Assert.Equal("/integrations/imports?object=contact&mode=Upsert", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Cancel_MarksJobCancelled_WhenQueued()
    {
        var client = await app.SignInAsync(Ct);
        using var _ = await UploadAsync(client, Uploads.Contacts(2), "to-cancel.csv", "CreateOnly");
        var id = (await JobAsync(client, "to-cancel.csv")).GetProperty("id").GetString()!;

        using var response = await client.PostFormAsync("/integrations/imports", $"/integrations/imports?handler=Cancel&id={id}",
            new Dictionary<string, string>(), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var job = await JobAsync(client, "to-cancel.csv");
        Assert.Equal(("Cancelled", false), (job.GetProperty("status").GetString(), job.GetProperty("active").GetBoolean()));
    }

    /// <summary>Submits the upload form as a browser does: the page's antiforgery token plus the file and mode, multipart.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string fileName, string mode, string objectName = "contact")
    {
        var page = await client.GetStringAsync($"/integrations/imports?object={objectName}", Ct);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(mode), "Mode" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName },
        };
        return await client.PostAsync($"/integrations/imports?object={objectName}&handler=Upload", form, Ct);
    }

    private static async Task<JsonElement[]> JobsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/integrations/imports?handler=Jobs", Ct)).EnumerateArray().ToArray();

    private static async Task<JsonElement> JobAsync(HttpClient client, string fileName) =>
        Assert.Single(await JobsAsync(client), j => j.GetProperty("fileName").GetString() == fileName);

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
