namespace Integrations.Imports.Jobs;

public enum ImportJobStatus
{
    Queued,
    Processing,
    Completed,
    CompletedWithErrors,
    Failed,
    Cancelled,
}
