using Integrations.ApiKeys.Keys;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Sources;
using Integrations.Inbound.Sources.Requests;
using Integrations.Inbound.Sources.Verification;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Inbound;

/// <summary>Create or edit a source: method and preset, secret, delivery id, the mapping with a preview on a sample payload.</summary>
internal sealed class EditModel(SourceDirectory directory, RequestLog log, KeyReveal reveal) : PageModel
{
    [BindProperty]
    public SourceForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Id { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public MappingPreviewResult? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            Form.Use(VerificationPreset.Find("standard_webhooks")!);
            return Page();
        }

        if (await directory.FindAsync(Id, ct) is not { } source)
        {
            return NotFound();
        }

        Form = SourceForm.From(source);
        // The newest payload is the best sample to preview a mapping change on.
        if (await log.ListAsync(Id, null, 1, ct) is [var last])
        {
            Form.Sample = (await log.FindAsync(Id, last.RequestId, ct))?.Body;
        }

        return Page();
    }

    public IActionResult OnPostPreview()
    {
        Form.Mapping.Compact();
        Preview = MappingPreview.Run(Form.Mapping.ToMapping(), Form.Sample ?? "");
        return Page();
    }

    public IActionResult OnPostShopify()
    {
        Form.Use(VerificationPreset.Find("shopify")!);
        Form.Use(MappingPreset.Find("shopify_order")!);
        Form.Name = string.IsNullOrWhiteSpace(Form.Name) ? "Shopify orders" : Form.Name;
        Preview = MappingPreview.Run(Form.Mapping.ToMapping(), Form.Sample!);
        return Page();
    }

    public IActionResult OnPostAddLink()
    {
        Form.Mapping.Compact();
        Form.Mapping.AddLink();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        Form.Mapping.Compact();
        var edit = Id is null ? await directory.CreateAsync(Form.ToInput(), ct) : await directory.UpdateAsync(Id, Form.ToInput(), ct);
        if (edit is null)
        {
            return NotFound();
        }

        if (edit.Source is not { } source)
        {
            Errors = edit.Errors;
            return Page();
        }

        if (source.Secret is { } secret)
        {
            TempData["RevealTicket"] = reveal.Hold(secret);
        }

        TempData["Notice"] = Id is null ? $"Created “{source.Name}”." : $"Saved “{source.Name}”.";
        return Redirect($"/integrations/inbound/{source.SourceId}");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
