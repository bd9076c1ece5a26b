namespace Integrations.Automation.Builder;

/// <summary>One workflow for its page: its current version's JSON (pretty-printed) and what starts it in words.</summary>
public sealed record WorkflowDetail(
    string Id,
    string Name,
    bool Enabled,
    int Version,
    string Trigger,
    string TriggerType,
    string? TriggerObject,
    string Json,
    DateTimeOffset UpdatedAt);
