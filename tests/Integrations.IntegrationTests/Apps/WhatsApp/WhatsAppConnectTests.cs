using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Connections;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.WhatsApp;

/// <summary>The credential form's API, <c>POST /api/v1/apps/whatsapp/connections</c>, against the fake Cloud API.</summary>
public sealed class WhatsAppConnectTests(WhatsAppApp app) : IClassFixture<WhatsAppApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_StoresTheNumberAsTheAccount_WithItsSecretsEncryptedAndShownAsSet()
    {
        var line = await WhatsAppLine.ConnectAsync(app, display: "+1 555-010-0199");

        Assert.Equal(("+1 555-010-0199", "Sentinel Test Shop", ConnectionStatus.Active),
            ((string?)line.Connection["account"], (string?)line.Connection["account_name"], (string?)line.Connection["status"]));
        var settings = line.Connection["settings"]!.AsObject();
        Assert.Equal(("set", line.Number.Id), ((string?)settings["app_secret"], (string?)settings["phone_number_id"]));
        Assert.True(line.VerifyToken.Length >= 30);
        var shown = await line.Api.GetStringAsync($"/api/v1/connections/{line.Id}", Ct);
        Assert.DoesNotContain(line.Number.Token, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(line.Number.AppSecret, shown, StringComparison.Ordinal);
        await using var scope = app.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters()
            .SingleAsync(c => c.WorkspaceId == line.Workspace, Ct);
        Assert.DoesNotContain(line.Number.Token, stored.AccessTokenCiphertext, StringComparison.Ordinal);
        Assert.DoesNotContain(line.Number.AppSecret, stored.Settings, StringComparison.Ordinal);
        Assert.Null(stored.RefreshTokenCiphertext);
        Assert.Null(stored.ExpiresAt);
    }

    [Fact]
    public async Task Connect_Is400NamingTheAccessToken_AndStoresNothing_WhenWhatsAppRefusesTheToken()
    {
        var number = app.WhatsApp.AddNumber();
        var (_, api) = await app.ClientInNewWorkspaceAsync("apps:read", "apps:write");

        var response = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", WhatsAppLine.Credentials(number, token: "EAAGnot-a-token"), Ct);

        var errors = await ErrorsAsync(response);
        Assert.Contains("refused the access token", (string?)errors["credentials.access_token"]![0], StringComparison.Ordinal);
        Assert.Contains("nothing was stored", (string?)errors["credentials.access_token"]![0], StringComparison.Ordinal);
        Assert.Empty((await api.GetFromJsonAsync<JsonObject>("/api/v1/connections", Ct))!["data"]!.AsArray());
    }

    [Fact]
    public async Task Connect_Is400NamingThePhoneNumberId_WhenTheTokenCannotSeeThatNumber()
    {
        var (number, other) = (app.WhatsApp.AddNumber(), app.WhatsApp.AddNumber());
        var (_, api) = await app.ClientInNewWorkspaceAsync("apps:read", "apps:write");

        var response = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", WhatsAppLine.Credentials(number, phoneNumberId: other.Id), Ct);

        var errors = await ErrorsAsync(response);
        Assert.Contains($"phone number id {other.Id}", (string?)errors["credentials.phone_number_id"]![0], StringComparison.Ordinal);
        Assert.Empty((await api.GetFromJsonAsync<JsonObject>("/api/v1/connections", Ct))!["data"]!.AsArray());
    }

    [Fact]
    public async Task Connect_Is400NamingTheAppSecret_WhenItIsNotTheSecretOfTheTokensApp()
    {
        var number = app.WhatsApp.AddNumber();
        var (_, api) = await app.ClientInNewWorkspaceAsync("apps:read", "apps:write");

        var response = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", WhatsAppLine.Credentials(number, appSecret: "0123456789abcdef"), Ct);

        var errors = await ErrorsAsync(response);
        Assert.Contains("app secret", (string?)errors["credentials.app_secret"]![0], StringComparison.Ordinal);
        Assert.Empty((await api.GetFromJsonAsync<JsonObject>("/api/v1/connections", Ct))!["data"]!.AsArray());
    }

    [Fact]
    public async Task Connect_Is400NamingEachMissingField_WithoutCallingWhatsApp()
    {
        var (_, api) = await app.ClientInNewWorkspaceAsync("apps:read", "apps:write");
        var before = app.WhatsApp.Requests.Count;

        var response = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", new { credentials = new { phone_number_id = "123" } }, Ct);
        var empty = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", new { }, Ct);
        var letters = await api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections",
            new { credentials = new { access_token = "EAAG", phone_number_id = "+1 555 0100", app_secret = "s" } }, Ct);

        var errors = await ErrorsAsync(response);
        Assert.NotNull(errors["credentials.access_token"]);
        Assert.NotNull(errors["credentials.app_secret"]);
        Assert.NotNull((await ErrorsAsync(empty))["credentials"]);
        Assert.Contains("digits only", (string?)(await ErrorsAsync(letters))["credentials.phone_number_id"]![0], StringComparison.Ordinal);
        Assert.Equal(before, app.WhatsApp.Requests.Count);
    }

    [Fact]
    public async Task Connect_WithANewToken_ReplacesTheCredentialsOfTheSameNumber_KeepingItsVerifyToken()
    {
        var line = await WhatsAppLine.ConnectAsync(app);

        var again = await line.Api.PostAsJsonAsync("/api/v1/apps/whatsapp/connections", WhatsAppLine.Credentials(line.Number), Ct);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var connection = (await again.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal((line.Id, line.VerifyToken), ((string?)connection["id"], (string?)connection["settings"]!["verify_token"]));
        Assert.Single((await line.Api.GetFromJsonAsync<JsonObject>("/api/v1/connections", Ct))!["data"]!.AsArray());
    }

    [Fact]
    public async Task Connect_Is400_ForAnOAuthApp_And404_ForAnUnknownOne()
    {
        var (_, api) = await app.ClientInNewWorkspaceAsync("apps:read", "apps:write");

        var oauth = await api.PostAsJsonAsync("/api/v1/apps/gmail/connections", new { credentials = new { access_token = "x" } }, Ct);
        var unknown = await api.PostAsJsonAsync("/api/v1/apps/whatsap/connections", new { credentials = new { access_token = "x" } }, Ct);

        Assert.Contains("OAuth", (string?)(await ErrorsAsync(oauth))["app"]![0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task AppsApi_ShowsWhatsAppAsACredentialsApp_WithItsActionsAndTriggers()
    {
        var (_, api) = await app.ClientInNewWorkspaceAsync("apps:read");

        var whatsapp = (await api.GetFromJsonAsync<JsonObject>("/api/v1/apps/whatsapp", Ct))!;

        Assert.Equal("credentials", (string?)whatsapp["auth_kind"]);
        Assert.Equal(["send_template", "send_text"], whatsapp["actions"]!.AsArray().Select(a => (string?)a!["id"]));
        Assert.Equal(["message_received", "message_status_changed"], whatsapp["triggers"]!.AsArray().Select(a => (string?)a!["id"]));
    }

    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!["errors"]!.AsObject();
    }
}
