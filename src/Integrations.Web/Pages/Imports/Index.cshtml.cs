using System.Text;
using System.Text.Json;
using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Imports.Templates;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace Integrations.Web.Pages.Imports;

/// <summary>The column guide and template per object, the upload form, and the import job table with its live progress.</summary>
// The same 512 MB ceiling as the API upload: room for a million-row file.
[RequestFormLimits(MultipartBodyLengthLimit = 536_870_912)]
[RequestSizeLimit(536_870_912)]
public sealed class ImportsModel(ImportJobs imports, TimeProvider clock) : PageModel
{
    /// <summary>The table shows the newest imports only; older ones stay readable through the API.</summary>
    private const int ShownJobs = 50;

    private const string NoticeKey = "ImportsNotice";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [BindProperty(SupportsGet = true, Name = "object")]
    public string? ObjectName { get; set; }

    /// <summary>Also read from the address the upload redirects to, so the next file goes in with the same mode.</summary>
    [BindProperty(SupportsGet = true)]
    public ImportMode Mode { get; set; } = ImportMode.CreateOnly;

    /// <summary>The mode as the redirects after an upload or a cancel carry it: left out when it is the default.</summary>
    private string? ModeInAddress => Mode == ImportMode.CreateOnly ? null : Mode.ToString();

    public RecordType Type { get; private set; } = RecordTypes.Contact;

    public ColumnGuide Guide { get; private set; } = null!;

    public IReadOnlyList<ImportJobRow> Jobs { get; private set; } = [];

    /// <summary>Why the file just posted was refused; nothing was stored for it.</summary>
    public string? Refusal { get; private set; }

    /// <summary>What the last upload or cancel did. Read from TempData only when the page is shown: a [TempData]
    /// property would be read, and so dropped, by the once-a-second poll too.</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Resolve() ? await ShowAsync(ct) : NotFound();

    public IActionResult OnGetTemplate() => Resolve()
        ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ColumnGuide.For(Type).TemplateCsv())).ToArray(),
            "text/csv", $"{Type.Name}-import-template.csv")
        : NotFound();

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken ct)
    {
        if (!Resolve())
        {
            return NotFound();
        }

        if (file is null)
        {
            Refusal = "Choose a .csv or .xlsx file to import.";
            return await ShowAsync(ct);
        }

        await using var stream = file.OpenReadStream();
        var started = await imports.StartAsync(stream, file.FileName, Type, Mode, ct);
        if (started.Job is not { } job)
        {
            Refusal = started.Refusal;
            return await ShowAsync(ct);
        }

        TempData[NoticeKey] = $"Import of {job.RowsTotal:N0} rows from “{job.FileName}” started; its progress shows in the table below."
            + (job.CustomFieldColumns.Count == 0 ? "" : $" {ImportJobRow.CustomFieldsOf(job)}");
        return RedirectToPage(new { @object = Type.Name, mode = ModeInAddress });
    }

    /// <summary>The job table's rows as JSON, polled by the page while an import is queued or running.</summary>
    public async Task<IActionResult> OnGetJobsAsync(CancellationToken ct) => new JsonResult(await RowsAsync(ct), Json);

    public async Task<IActionResult> OnGetErrorsAsync(string id, CancellationToken ct)
    {
        if (await imports.GetAsync(id, ct) is not { } job)
        {
            return NotFound();
        }

        // Streamed straight to the response: an import with many rejected rows must not be built in memory.
        Response.ContentType = "text/csv; charset=utf-8";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(job.ErrorFileName());
        Response.Headers.ContentDisposition = disposition.ToString();
        await imports.WriteErrorsAsync(id, Response.Body, ct);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken ct)
    {
        var job = await imports.CancelAsync(id, ct);
        TempData[NoticeKey] = job switch
        {
            null => null,
            { Status: ImportJobStatus.Cancelled } => $"Cancelled the import of “{job.FileName}”. Rows already imported stay.",
            _ => $"The import of “{job.FileName}” had already finished.",
        };
        return RedirectToPage(new { @object = ObjectName, mode = ModeInAddress });
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Notice = TempData[NoticeKey] as string;
        Guide = ColumnGuide.For(Type);
        Jobs = await RowsAsync(ct);
        return Page();
    }

    private async Task<IReadOnlyList<ImportJobRow>> RowsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var page = await imports.ListAsync(new PageRequest(ShownJobs, null), ct);
        return page.Data.Select(job => ImportJobRow.From(job, now)).ToList();
    }

    private bool Resolve()
    {
        Type = ObjectName is null ? RecordTypes.Contact : RecordTypes.Find(ObjectName)!;
        return Type is not null;
    }
}
