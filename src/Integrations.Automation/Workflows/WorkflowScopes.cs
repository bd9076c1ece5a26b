using Integrations.Platform.Api;

namespace Integrations.Automation.Workflows;

/// <summary>The scopes of workflows: reading them and their versions, and creating, changing, enabling or deleting them.</summary>
public static class WorkflowScopes
{
    public const string Read = "workflows:read";
    public const string Write = "workflows:write";

    internal static readonly ApiScope[] All =
    [
        new(Read, "List the workspace's workflows, their versions, and the step and trigger types a workflow can use."),
        new(Write, "Create, change, enable, disable, duplicate and delete workflows (an enabled workflow acts on records and apps)."),
    ];
}
