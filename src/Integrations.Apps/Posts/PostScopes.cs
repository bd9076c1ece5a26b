using Integrations.Platform.Callers;
using Integrations.Platform.Ids;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Posts;

internal static class PostScopes
{
    /// <summary>A scope acting in the post's workspace as the post itself, so the action's audit and the post's events say
    /// who did it.</summary>
    public static AsyncServiceScope ActingFor(this IServiceScopeFactory scopes, ScheduledPost post)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Caller>().Act(post.WorkspaceId, ActorType.System,
            PublicId.Format(IdPrefixes.ScheduledPost, post.Id), "Scheduled post", ChangeSource.App);
        return scope;
    }
}
