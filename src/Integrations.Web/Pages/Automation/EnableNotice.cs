using Integrations.Automation.Builder;

namespace Integrations.Web.Pages.Automation;

/// <summary>What enabling or disabling a workflow says: done, or the plan's refusal.</summary>
internal static class EnableNotice
{
    public static string Of((WorkflowDetail? Workflow, string? Refusal) result, bool enabled) => result switch
    {
        ({ } w, _) => enabled ? $"“{w.Name}” is enabled." : $"“{w.Name}” is disabled.",
        (_, { } refusal) => refusal,
        _ => "The workflow is unchanged.",
    };
}
