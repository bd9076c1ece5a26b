namespace Integrations.Platform.Data;

/// <summary>A business row that belongs to one workspace; queries see only the caller's workspace.</summary>
public interface IWorkspaceScoped
{
    Guid WorkspaceId { get; }
}
