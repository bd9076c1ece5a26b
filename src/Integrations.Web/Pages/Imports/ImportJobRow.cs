using System.Globalization;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;

namespace Integrations.Web.Pages.Imports;

/// <summary>
/// One import as the job table shows it. The page renders it and the poll returns it as JSON, so the labels,
/// percentages and durations are formatted in one place and the script only copies text into cells.
/// </summary>
public sealed record ImportJobRow(
    string Id,
    string FileName,
    string ObjectLabel,
    string Mode,
    string Status,
    string State,
    int Percent,
    string Rows,
    string SuccessRate,
    int Failed,
    string StartedBy,
    string Started,
    string Duration,
    bool Active,
    string Error,
    string CustomFields)
{
    /// <summary>The status badge's class; <see cref="State"/> also colours the progress bar.</summary>
    public string Badge => "badge-" + State;

    public static ImportJobRow From(ImportJobView job, DateTimeOffset now)
    {
        var active = job.Status is ImportJobStatus.Queued or ImportJobStatus.Processing;
        return new ImportJobRow(
            job.Id,
            job.FileName,
            RecordTypes.Find(job.ObjectType)?.PluralLabel ?? job.ObjectType,
            job.Mode == ImportMode.Upsert ? "Upsert" : "Create only",
            ImportJobView.Label(job.Status),
            StateOf(job),
            PercentOf(job, active),
            string.Create(CultureInfo.InvariantCulture, $"{job.RowsProcessed:N0} / {job.RowsTotal:N0}"),
            job.RowsProcessed == 0 ? "—" : (job.RowsSucceeded / (double)job.RowsProcessed).ToString("0.#%", CultureInfo.InvariantCulture),
            job.RowsFailed,
            job.StartedBy,
            job.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            job.StartedAt is { } started ? Elapsed((job.FinishedAt ?? now) - started) : "—",
            active,
            job.Status == ImportJobStatus.Failed ? job.Error ?? "" : "",
            job.CustomFieldColumns.Count == 0 ? "" : CustomFieldsOf(job));
    }

    /// <summary>Which columns matched no field: shown with the upload's notice (a cookie, so bounded) and on the row.</summary>
    public static string CustomFieldsOf(ImportJobView job)
    {
        const int Named = 5;
        var columns = job.CustomFieldColumns;
        var names = string.Join(", ", columns.Take(Named).Select(c => $"“{c}”"))
            + (columns.Count > Named ? string.Create(CultureInfo.InvariantCulture, $" and {columns.Count - Named:N0} more") : "");
        return columns.Count == 1
            ? $"The column {names} matches no field and is kept as a custom field."
            : $"The columns {names} match no field and are kept as custom fields.";
    }

    /// <summary>ok, warn, bad, off or info: a finished import in which no row was stored counts as bad.</summary>
    private static string StateOf(ImportJobView job) => job.Status switch
    {
        ImportJobStatus.Completed => "ok",
        ImportJobStatus.CompletedWithErrors => job.RowsSucceeded == 0 ? "bad" : "warn",
        ImportJobStatus.Failed => "bad",
        ImportJobStatus.Cancelled => "off",
        _ => "info",
    };

    /// <summary>An empty file that finished is 100% done, not 0%; a failed or cancelled one shows how far it got.</summary>
    private static int PercentOf(ImportJobView job, bool active) => job.RowsTotal == 0
        ? (active ? 0 : 100)
        : (int)Math.Min(100, job.RowsProcessed * 100L / job.RowsTotal);

    private static string Elapsed(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => "<1s",
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds}s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m {span.Seconds:00}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m"),
    };
}
