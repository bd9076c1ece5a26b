using Integrations.Platform.Callers;
using Integrations.Platform.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing;

public static class Workspaces
{
    /// <summary>A fresh workspace, so a test sees only its own data; the scope's caller acts as a user in it.</summary>
    public static async Task<Workspace> ActInNewWorkspaceAsync(this IServiceProvider scope, Plan plan = Plan.Growth)
    {
        var workspace = await scope.GetRequiredService<WorkspaceDirectory>()
            .CreateAsync("Test " + Guid.NewGuid().ToString("N")[..6], plan, CancellationToken.None);
        scope.GetRequiredService<Caller>().Act(workspace.Id, ActorType.User, "test-user", "Test User", ChangeSource.Ui);
        return workspace;
    }
}
