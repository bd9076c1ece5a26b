using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Integrations.ApiKeys.Keys;
using Integrations.Automation.Builder;
using Integrations.Platform.Callers;
using Integrations.Platform.Workspaces;
using Integrations.Web.Hosting.Team;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Settings;

/// <summary>The workspace's name and plan with the limits in use, and deleting it: for its owners.</summary>
[OwnersOnly]
internal sealed class IndexModel(
    WorkspaceDirectory workspaces, WorkspaceSettings settings, WorkspaceRemoval removal, KeyRing keys, WebhookDirectory webhooks,
    WorkflowAdmin workflows, Caller caller)
    : PageModel
{
    [BindProperty, Required(ErrorMessage = "Give the workspace a name."), StringLength(200), Display(Name = "Name")]
    public string Name { get; set; } = "";

    [BindProperty]
    public Plan Plan { get; set; }

    /// <summary>The name typed to confirm the deletion.</summary>
    [BindProperty]
    public string? Confirm { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public Workspace Workspace { get; private set; } = null!;

    public PlanLimits Limits { get; private set; } = null!;

    public int ActiveKeys { get; private set; }

    public (int All, int Active) Webhooks { get; private set; }

    public int EnabledWorkflows { get; private set; }

    public PlanLimits LimitsOf(Plan plan) => workspaces.LimitsFor(plan);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Name = Workspace.Name;
        Plan = Workspace.Plan;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Name = Name?.Trim() ?? "";
        if (Name.Length == 0)
        {
            ModelState.AddModelError(nameof(Name), "Give the workspace a name.");
        }

        await LoadAsync(ct);
        var allowed = LimitsOf(Plan).ActiveWorkflows;
        if (EnabledWorkflows > allowed)
        {
            ModelState.AddModelError(nameof(Plan), string.Create(CultureInfo.InvariantCulture,
                $"The {Plan} plan allows {allowed:N0} enabled workflows and this workspace has {EnabledWorkflows:N0}. Disable some first, or keep a larger plan."));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var changed = await settings.ChangeAsync(Name, Plan, ct);
        if (!changed.Done)
        {
            ModelState.AddModelError(nameof(Plan), string.Create(CultureInfo.InvariantCulture,
                $"The {Plan} plan allows {changed.Limit:N0} records and this workspace holds {changed.Records:N0}. Delete records first, or keep a larger plan."));
            return Page();
        }

        Notice = "Settings saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        // The deletion form posts only the typed name: the settings form's fields are not its errors.
        ModelState.Clear();
        switch (await removal.RequestAsync(Confirm, ct))
        {
            case RemovalRequest.Started:
                return Redirect("/");
            case RemovalRequest.NameMismatch:
                ModelState.AddModelError(nameof(Confirm), "Type the workspace's name exactly as it is shown to delete it.");
                await LoadAsync(ct);
                Name = Workspace.Name;
                Plan = Workspace.Plan;
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Workspace = await workspaces.FindAsync(caller.WorkspaceId, ct) ?? throw new InvalidOperationException("The caller's workspace is gone.");
        Limits = workspaces.LimitsFor(Workspace.Plan);
        ActiveKeys = await keys.CountActiveAsync(ct);
        Webhooks = await webhooks.CountAsync(ct);
        EnabledWorkflows = await workflows.CountEnabledAsync(ct);
    }
}
