using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Account;

/// <summary>Where a refused request lands (the cookie's access-denied path): answered 403.</summary>
[WithoutWorkspace]
internal sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
