using Integrations.Inbound.Connectors;
using Integrations.Inbound.Mapping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Connectors;

internal sealed class EditModel(ConnectorDirectory directory) : PageModel
{
    [BindProperty]
    public ConnectorForm Form { get; set; } = new();

    [FromRoute]
    public string? Id { get; set; }

    /// <summary>The connector being edited, null for a new one.</summary>
    public ConnectorView? Connector { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public MappingPreviewResult? Preview { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null)
        {
            return Page();
        }

        Connector = await directory.FindAsync(Id, ct);
        if (Connector is null)
        {
            return NotFound();
        }

        Form = ConnectorForm.From(Connector);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is not null && (Connector = await directory.FindAsync(Id, ct)) is null)
        {
            return NotFound();
        }

        Form.Mapping.Compact();
        var request = Form.ToRequest();
        Errors = await directory.ValidateAsync(request, Id, ct);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var saved = Id is null ? await directory.CreateAsync(request, ct) : await directory.UpdateAsync(Id, request, ct);
        Notice = Id is null ? $"Added “{saved!.Name}”." : $"Saved “{saved!.Name}”.";
        return Redirect($"/integrations/connectors/{saved.Id}");
    }

    /// <summary>What the mapping makes of the pasted sample item; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Id is not null && (Connector = await directory.FindAsync(Id, ct)) is null)
        {
            return NotFound();
        }

        Form.Mapping.Compact();
        Preview = MappingPreview.Run(Form.Mapping.ToMapping(), Form.Sample ?? "");
        return Page();
    }

    public async Task<IActionResult> OnPostAddLinkAsync(CancellationToken ct)
    {
        if (Id is not null && (Connector = await directory.FindAsync(Id, ct)) is null)
        {
            return NotFound();
        }

        Form.Mapping.Compact();
        Form.Mapping.AddLink();
        return Page();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
