using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Platform;

public sealed class OpenApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SwaggerDocument_DescribesEveryPartOfTheApi_WithBearerAuth()
    {
        using var document = await DocumentAsync();

        var root = document.RootElement;
        Assert.Equal("Sentinel Integrations API", root.GetProperty("info").GetProperty("title").GetString());
        var paths = root.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.All(
            ["/api/v1/records/{object}", "/api/v1/records/{object}/bulk", "/api/v1/keys", "/api/v1/webhooks",
             "/api/v1/deliveries/{id}", "/api/v1/events", "/api/v1/events/catalog", "/api/v1/imports",
             "/api/v1/inbound/sources", "/api/v1/inbound/{sourceId}", "/api/v1/connectors", "/api/v1/audit"],
            path => Assert.Contains(paths, p => p == path || p == path + "/"));
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Theory]
    [InlineData("/api/v1/records/{object}", "get", "200 400 403 404")]
    [InlineData("/api/v1/records/{object}", "post", "201 400 403 404 409")]
    [InlineData("/api/v1/records/{object}/{id}", "get", "200 403 404")]
    [InlineData("/api/v1/records/{object}/{id}", "patch", "200 400 403 404 409")]
    [InlineData("/api/v1/records/{object}/{id}", "delete", "204 400 403 404 409")]
    [InlineData("/api/v1/records/{object}/bulk", "post", "200 400 403 404 409")]
    [InlineData("/api/v1/events", "get", "200 400 403")]
    [InlineData("/api/v1/events/{id}", "get", "200 403 404")]
    public async Task SwaggerDocument_ShowsTheRecordsAndEventsApisAnswers(string path, string method, string statuses)
    {
        using var document = await DocumentAsync();

        var responses = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.Equal(statuses.Split(' '), responses.EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task SwaggerUi_IsServedToSignedInAdmins_AndAsksAnyoneElseToSignIn()
    {
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var admin = app.CreateClient();
        await SentinelApp.SignInAsync(admin, Ct);

        using var refused = await anonymous.GetAsync("/swagger/index.html", Ct);
        using var document = await anonymous.GetAsync("/swagger/v1/swagger.json", Ct);
        var html = await admin.GetStringAsync("/swagger/index.html", Ct);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/Login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
    }

    private async Task<JsonDocument> DocumentAsync() =>
        JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json", Ct));
}
