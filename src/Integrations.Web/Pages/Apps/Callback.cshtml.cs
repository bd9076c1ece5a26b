using Integrations.Apps.Connect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Apps;

/// <summary>Where providers send the admin back after consent (<see cref="DetailModel.CallbackPath"/>).</summary>
public sealed class CallbackModel(AppConnect connect) : PageModel
{
    public ConnectOutcome Outcome { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string? code, string? state, string? error,
        [FromQuery(Name = "error_description")] string? errorDescription, CancellationToken ct)
    {
        Outcome = await connect.CompleteAsync(new ConnectCallback(code, state, error, errorDescription), ct);
        if (!Outcome.Connected)
        {
            return Page();
        }

        Notice = Outcome.Message;
        return RedirectToPage("Detail", new { id = Outcome.AppId });
    }
}
