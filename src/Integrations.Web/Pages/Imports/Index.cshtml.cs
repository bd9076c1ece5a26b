using System.Text;
using Integrations.Crm.Schema;
using Integrations.Imports;
using Integrations.Imports.Templates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Imports;

/// <summary>The column guide per object and its template CSV; uploads and the job table come with import jobs.</summary>
public sealed class ImportsModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "object")]
    public string? ObjectName { get; set; }

    public RecordType Type { get; private set; } = RecordTypes.Contact;

    public ColumnGuide Guide { get; private set; } = null!;

    public IActionResult OnGet()
    {
        if (!Resolve())
        {
            return NotFound();
        }

        Guide = ImportFile.Guide(Type);
        return Page();
    }

    public IActionResult OnGetTemplate() => Resolve()
        ? File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ImportFile.Guide(Type).TemplateCsv())).ToArray(),
            "text/csv", $"{Type.Name}-import-template.csv")
        : NotFound();

    private bool Resolve()
    {
        Type = ObjectName is null ? RecordTypes.Contact : RecordTypes.Find(ObjectName)!;
        return Type is not null;
    }
}
