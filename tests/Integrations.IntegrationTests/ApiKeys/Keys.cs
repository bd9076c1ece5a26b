using System.Net.Http.Headers;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Integrations.Platform.Workspaces;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.ApiKeys;

/// <summary>Arranges keys the way the app issues them, each test its own.</summary>
internal static class Keys
{
    public static async Task<IssuedApiKey> IssueAsync(
        SentinelApp app, string[] scopes, Guid? workspaceId = null, DateTimeOffset? expiresAt = null)
    {
        await using var scope = app.Scope();
        var services = scope.ServiceProvider;
        var workspace = workspaceId ?? (await services.GetRequiredService<WorkspaceDirectory>().FirstAsync(CancellationToken.None))!.Id;
        services.GetRequiredService<Caller>().ActAsSystem(workspace);
        return await services.GetRequiredService<KeyRing>()
            .IssueAsync(new NewApiKey("test key", scopes, expiresAt), CancellationToken.None);
    }

    public static async Task<Guid> NewWorkspaceAsync(SentinelApp app)
    {
        await using var scope = app.Scope();
        var workspace = await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>()
            .CreateAsync("Other workspace", Plan.Growth, CancellationToken.None);
        return workspace.Id;
    }

    public static HttpClient Client(this SentinelApp app, string? key)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }
}
