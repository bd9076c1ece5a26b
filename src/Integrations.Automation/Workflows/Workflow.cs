using Integrations.Platform.Data;

namespace Integrations.Automation.Workflows;

/// <summary>
/// A workflow: its name, whether it is enabled, and its current <see cref="Version"/> (the definition lives in
/// <see cref="WorkflowVersion"/>, never edited). <see cref="TriggerType"/> and <see cref="TriggerKey"/> (the object or
/// event name) repeat the current version's trigger so matching finds a change's workflows with an index.
/// A deleted workflow keeps its row (its runs keep their history) with <see cref="DeletedAt"/> set.
/// </summary>
internal sealed class Workflow : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    public bool Enabled { get; set; }
    public int Version { get; set; }
    public required string TriggerType { get; set; }
    public string? TriggerKey { get; set; }
    /// <summary>The workflow's <c>whsec_</c> secret that signs its <c>http_request</c> steps (Standard Webhooks),
    /// protected with Data Protection (<see cref="WorkflowSecrets"/>); shown once when the workflow is created.</summary>
    public required string SigningSecretCiphertext { get; init; }

    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}
