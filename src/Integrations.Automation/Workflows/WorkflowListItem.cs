namespace Integrations.Automation.Workflows;

/// <summary>A workflow as lists show it (GET one for its whole JSON).</summary>
internal sealed record WorkflowListItem(
    string Id, string Name, bool Enabled, int Version, string Trigger, string Summary, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One version of a workflow as its history lists it.</summary>
internal sealed record WorkflowVersionItem(int Version, string Name, string CreatedBy, DateTimeOffset CreatedAt);
