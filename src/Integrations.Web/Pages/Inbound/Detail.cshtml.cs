using Integrations.ApiKeys.Keys;
using Integrations.Inbound.Sources;
using Integrations.Inbound.Sources.Requests;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Inbound;

/// <summary>One source: where to send, how it is verified, and its request log with Reprocess.</summary>
internal sealed class DetailModel(SourceDirectory directory, RequestLog log, KeyReveal reveal) : PageModel
{
    public const int RecentCount = 50;

    public SourceView Source { get; private set; } = null!;
    public IReadOnlyList<InboundRequestView> Requests { get; private set; } = [];

    /// <summary>The request whose body and headers are shown (<c>?shown=req_…</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Shown { get; set; }

    public InboundRequestView? Selected { get; private set; }
    public string? NewSecret { get; private set; }

    [TempData]
    public string? RevealTicket { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public string ReceiveUrl => $"{HttpContext.Request.Scheme}://{HttpContext.Request.Host}{Source.Path}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } source)
        {
            return NotFound();
        }

        NewSecret = reveal.Take(RevealTicket);
        if (NewSecret is not null)
        {
            // Back and forward must not bring the secret back from the browser's cache.
            Response.Headers.CacheControl = "no-store";
        }

        Source = source;
        Requests = await log.ListAsync(id, null, RecentCount, ct) ?? [];
        Selected = Shown is null ? null : await log.FindAsync(id, Shown, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSwitchAsync(string id, bool enabled, CancellationToken ct)
    {
        var edit = await directory.UpdateAsync(id, new SourceInput(Enabled: enabled), ct);
        Notice = edit?.Source is { } source
            ? enabled ? $"Enabled “{source.Name}”." : $"Disabled “{source.Name}”: its URL answers 403 until it is enabled."
            : null;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostReprocessAsync(string id, string requestId, CancellationToken ct)
    {
        var result = await log.ReprocessAsync(id, requestId, ct);
        Notice = result switch
        {
            null => null,
            { Queued: true } => $"Reprocessing {requestId} with the current mapping.",
            _ => $"{requestId} is still waiting to be processed.",
        };
        return RedirectToPage(new { id });
    }
}
