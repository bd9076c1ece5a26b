using System.Text.Json.Serialization;
using Integrations.Platform.Ids;

namespace Integrations.Imports.Jobs;

/// <summary>An import as the API and the admin page show it.</summary>
public sealed record ImportJobView(
    string Id,
    string FileName,
    [property: JsonPropertyName("object")] string ObjectType,
    ImportMode Mode,
    ImportJobStatus Status,
    int RowsTotal,
    int RowsProcessed,
    int RowsSucceeded,
    int RowsFailed,
    IReadOnlyList<string> CustomFieldColumns,
    string StartedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error)
{
    /// <summary>What the error file downloads as: named after the imported file, so it is easy to match up.</summary>
    public string ErrorFileName() => $"{Path.GetFileNameWithoutExtension(FileName)}-errors.csv";

    /// <summary>A status in words: <c>Completed with errors</c>.</summary>
    public static string Label(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Queued => "Queued",
        ImportJobStatus.Processing => "Processing",
        ImportJobStatus.Completed => "Completed",
        ImportJobStatus.CompletedWithErrors => "Completed with errors",
        ImportJobStatus.Failed => "Failed",
        _ => "Cancelled",
    };

    internal static ImportJobView From(ImportJob job) => new(
        PublicId.Format(IdPrefixes.Import, job.Id), job.FileName, job.ObjectType, job.Mode, job.Status, job.RowsTotal,
        job.RowsProcessed, job.RowsSucceeded, job.RowsFailed, job.CustomFieldColumns, job.StartedByName, job.CreatedAt,
        job.StartedAt, job.FinishedAt, job.ErrorMessage);
}
