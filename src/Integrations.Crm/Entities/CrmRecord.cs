using Integrations.Platform.Data;

namespace Integrations.Crm.Entities;

/// <summary>
/// Columns every CRM record has. The typed entities exist for the EF model and migrations; records are read and
/// written through <see cref="Pipeline.RecordPipeline"/> with set-based SQL driven by <see cref="Schema.RecordType"/>.
/// </summary>
internal abstract class CrmRecord : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public string CustomFields { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
