using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Imports.Running;
using Integrations.Platform.Callers;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Imports;

/// <summary>Uploads files the way a client does, and runs the queued job the way Hangfire would (its server is off in tests).</summary>
internal static class Uploads
{
    /// <summary>What a key needs to import any object in either mode and follow the import.</summary>
    public static readonly string[] Importer = ["imports:read", "imports:write", "crm:write", "commerce:write", "bulk:write"];

    /// <summary>The same without <c>imports:read</c>.</summary>
    public static readonly string[] Writer = ["imports:write", "crm:write", "commerce:write", "bulk:write"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string csv, string objectType = "contact",
        string mode = "create", string fileName = "contacts.csv") =>
        client.PostAsync(Encoding.UTF8.GetBytes(csv), fileName, objectType, mode);

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, byte[] file, string fileName, string objectType = "contact",
        string mode = "create")
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file), "file", fileName },
            { new StringContent(objectType), "object" },
            { new StringContent(mode), "mode" },
        };
        return client.PostAsync("/api/v1/imports", form, Ct);
    }

    /// <summary>A new workspace on the Starter plan (see <see cref="ImportsApp"/>'s limits) and a client for it.</summary>
    public static async Task<(Guid Workspace, HttpClient Client)> ClientInNewStarterWorkspaceAsync(this ImportsApp app, params string[] scopes)
    {
        Guid workspace;
        await using (var scope = app.Scope())
        {
            workspace = (await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().CreateAsync("Starter", Plan.Starter, Ct)).Id;
        }

        return (workspace, app.Client((await Keys.IssueAsync(app, scopes, workspace)).Key));
    }

    /// <summary>The workspace's contacts as the API shows them.</summary>
    public static Task<IReadOnlyList<JsonObject>> ContactsAsync(this ImportsApp app, Guid workspace) =>
        app.RecordsAsync(workspace, RecordTypes.Contact);

    /// <summary>The workspace's records of <paramref name="type"/> as the API shows them.</summary>
    public static async Task<IReadOnlyList<JsonObject>> RecordsAsync(this ImportsApp app, Guid workspace, RecordType type)
    {
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
        return (await scope.ServiceProvider.GetRequiredService<RecordReader>()
            .ListAsync(type, new RecordListQuery(Limit: 200), Ct)).Data;
    }

    /// <summary>Uploads a file that must be accepted and returns the import's id.</summary>
    public static async Task<string> StartAsync(this HttpClient client, string csv, string mode = "create", string objectType = "contact",
        string fileName = "contacts.csv")
    {
        using var response = await client.PostAsync(csv, objectType, mode, fileName);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    /// <summary>Uploads, runs the job to its end, and returns the import as the API then shows it.</summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client, ImportsApp app, string csv, string mode = "create")
    {
        var id = await client.StartAsync(csv, mode);
        await app.RunAsync(id);
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}", Ct);
    }

    public static async Task RunAsync(this ImportsApp app, string importId)
    {
        Assert.True(PublicId.TryParse(IdPrefixes.Import, importId, out var jobId));
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<ImportJobRunner>().RunAsync(jobId, Ct);
    }

    public static string Contacts(int count, int from = 1) =>
        "first_name,email\r\n" + string.Concat(Enumerable.Range(from, count).Select(i => $"Person {i},person{i}@example.com\r\n"));
}
