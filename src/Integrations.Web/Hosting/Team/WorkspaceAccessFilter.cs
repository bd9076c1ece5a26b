using System.Reflection;
using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Integrations.Web.Hosting.Team;

/// <summary>
/// The role check of every admin page, on the server: a signed-in person without a workspace is sent to create one;
/// a viewer's form posts are refused (403) before any handler runs, whatever the page; pages marked
/// <see cref="OwnersOnlyAttribute"/> refuse everyone but owners. Pages about the person carry
/// <see cref="WithoutWorkspaceAttribute"/>.
/// </summary>
internal sealed class WorkspaceAccessFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        if (user.Identity?.IsAuthenticated != true || context.HandlerInstance.GetType().IsDefined(typeof(WithoutWorkspaceAttribute)))
        {
            await next();
            return;
        }

        var role = user.WorkspaceRole();
        if (role is null)
        {
            context.Result = new RedirectResult("/workspaces/new");
            return;
        }

        if (role != WorkspaceRole.Owner && context.HandlerInstance.GetType().IsDefined(typeof(OwnersOnlyAttribute)))
        {
            context.Result = new ForbidResult();
            return;
        }

        if (role == WorkspaceRole.Viewer && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            context.Result = new ForbidResult();
            return;
        }

        await next();
    }
}
