using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Integrations.Testing;

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
        Assert.Equal("/integrations/imports?object=contact", response.Headers.Location!.OriginalString);
        var job = await JobAsync(client, "queued-contacts.csv");
        Assert.Equal(("Queued", "Upsert", "Contacts", "0 / 3", 0, true),
            (job.GetProperty("status").GetString(), job.GetProperty("mode").GetString(), job.GetProperty("objectLabel").GetString(),
                job.GetProperty("rows").GetString(), job.GetProperty("percent").GetInt32(), job.GetProperty("active").GetBoolean()));
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/integrations/imports?object=contact", Ct));
        Assert.Contains("Importing 3 rows from “queued-contacts.csv”", page, StringComparison.Ordinal);
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
        using var _ = await UploadAsync(client, "first_name,email\r\nAda,ada@example.com\r\nBob,bob@\r\n", "one-bad.csv", "CreateOnly");
        var id = (await JobAsync(client, "one-bad.csv")).GetProperty("id").GetString()!;

        await app.RunAsync(id);

        var job = await JobAsync(client, "one-bad.csv");
        Assert.Equal(("Completed with errors", 100, "2 / 2", "50%", 1, false),
            (job.GetProperty("status").GetString(), job.GetProperty("percent").GetInt32(), job.GetProperty("rows").GetString(),
                job.GetProperty("successRate").GetString(), job.GetProperty("failed").GetInt32(), job.GetProperty("active").GetBoolean()));
        using var errors = await client.GetAsync($"/integrations/imports?handler=Errors&id={id}", Ct);
        Assert.Equal("text/csv", errors.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{id}-errors.csv", errors.Content.Headers.ContentDisposition!.FileName);
        var lines = (await errors.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["row_number,error_message,first_name,email", "3,email 'bob@' is not a valid email address.,Bob,bob@"], lines);
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
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv, string fileName, string mode)
    {
        var page = await client.GetStringAsync("/integrations/imports?object=contact", Ct);
        var token = WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(mode), "Mode" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", fileName },
        };
        return await client.PostAsync("/integrations/imports?object=contact&handler=Upload", form, Ct);
    }

    private static async Task<JsonElement[]> JobsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/integrations/imports?handler=Jobs", Ct)).EnumerateArray().ToArray();

    private static async Task<JsonElement> JobAsync(HttpClient client, string fileName) =>
        Assert.Single(await JobsAsync(client), j => j.GetProperty("fileName").GetString() == fileName);

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
