using Integrations.Platform.Api;

namespace Integrations.Automation.Runs;

/// <summary>The workflows scopes, as the runs API uses them. The wf-api slice owns <c>WorkflowScopes</c>; once both are
/// merged these constants point at it and this catalogue entry goes.</summary>
internal static class RunScopes
{
    public const string Read = "workflows:read";
    public const string Write = "workflows:write";

    public static readonly ApiScope[] All =
    [
        new(Read, "List workflows, their versions and their run history."),
        new(Write, "Create, change, enable, run, retry and delete workflows."),
    ];
}
