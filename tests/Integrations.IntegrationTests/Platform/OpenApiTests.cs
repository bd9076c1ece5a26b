using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Platform;

public sealed class OpenApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    [Fact]
    public async Task SwaggerDocument_DescribesTheApi_WithBearerAuth()
    {
        var json = await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json", TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(json);

        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/records/{object}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/records/{object}/bulk", out _));
        Assert.True(paths.TryGetProperty("/api/v1/audit", out _));
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var html = await app.CreateClient().GetStringAsync("/swagger/index.html", TestContext.Current.CancellationToken);
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
    }
}
