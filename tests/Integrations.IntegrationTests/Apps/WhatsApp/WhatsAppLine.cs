using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Testing;
using Integrations.Testing.Fakes.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.WhatsApp;

/// <summary>A WhatsApp number of the fake connected through the API's credential form in a workspace of its own, with
/// an API client of that workspace and Meta's side of the webhook.</summary>
internal sealed record WhatsAppLine(WhatsAppApp App, FakeWhatsAppNumber Number, HttpClient Api, Guid Workspace, JsonObject Connection)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public const string WebhookPath = "/api/v1/apps/whatsapp/webhook";

    public string Id => (string)Connection["id"]!;

    public string VerifyToken => (string)Connection["settings"]!["verify_token"]!;

    public static async Task<WhatsAppLine> ConnectAsync(WhatsAppApp app, bool createContacts = false, string display = "+1 555-010-0100")
    {
        var number = app.WhatsApp.AddNumber(display);
        var (workspace, api) = await app.ClientInNewWorkspaceAsync("apps:read", "apps:write", "crm:read", "crm:write");
        var response = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", Credentials(number), Ct);
        response.EnsureSuccessStatusCode();
        var connection = (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var line = new WhatsAppLine(app, number, api, workspace, connection);
        if (createContacts)
        {
            (await api.PatchAsJsonAsync($"/api/v1/connections/{line.Id}", new { settings = new { create_contacts = true } }, Ct)).EnsureSuccessStatusCode();
        }

        return line;
    }

    public static object Credentials(FakeWhatsAppNumber number, string? token = null, string? phoneNumberId = null, string? appSecret = null) => new
    {
        credentials = new { access_token = token ?? number.Token, phone_number_id = phoneNumberId ?? number.Id, app_secret = appSecret ?? number.AppSecret },
    };

    /// <summary>Meta posts <paramref name="body"/> signed with <paramref name="secret"/> (the number's app secret by default).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(string body, string? secret = null)
    {
        using var client = App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(FakeWhatsAppWebhooks.SignatureHeader, FakeWhatsAppWebhooks.Sign(body, secret ?? Number.AppSecret));
        return await client.SendAsync(request, Ct);
    }

    public Task<HttpResponseMessage> RunAsync(string action, object input) =>
        Api.PostAsJsonAsync($"/api/v1/connections/{Id}/actions/{action}", new { input }, Ct);

    public async Task<List<JsonObject>> ActivitiesAsync()
    {
        var page = (await Api.GetFromJsonAsync<JsonObject>($"/api/v1/records/activity?connection_id={Id}&limit=200", Ct))!;
        return [.. page["data"]!.AsArray().Select(a => a!.AsObject())];
    }

    public async Task<List<JsonObject>> ContactsAsync()
    {
        var page = (await Api.GetFromJsonAsync<JsonObject>("/api/v1/records/contact?limit=200", Ct))!;
        return [.. page["data"]!.AsArray().Select(a => a!.AsObject())];
    }

    /// <summary>This connection's <c>whatsapp.*</c> events of <paramref name="type"/>, oldest first.</summary>
    public async Task<List<JsonObject>> EventsAsync(string type)
    {
        await using var scope = App.Scope();
        var data = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<StoredEvent>().IgnoreQueryFilters()
            .Where(e => e.Type == type && e.WorkspaceId == Workspace).OrderBy(e => e.Id).Select(e => e.Data!).ToListAsync(Ct);
        return [.. data.Select(d => JsonNode.Parse(d)!.AsObject()).Where(e => (string?)e["connection_id"] == Id)];
    }
}
