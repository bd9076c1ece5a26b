using System.Net.Http.Headers;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing;

/// <summary>Arranges keys the way the app issues them, each test its own.</summary>
public static class Keys
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

    /// <summary>A new workspace and a client whose key holds <paramref name="scopes"/> there.</summary>
    public static async Task<(Guid Workspace, HttpClient Client)> ClientInNewWorkspaceAsync(this SentinelApp app, params string[] scopes)
    {
        var workspace = await NewWorkspaceAsync(app);
        return (workspace, app.Client((await IssueAsync(app, scopes, workspace)).Key));
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
