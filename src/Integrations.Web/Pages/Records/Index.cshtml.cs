using System.Text.Json.Nodes;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Api;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Records;

public sealed class RecordListModel(RecordReader reader) : PageModel
{
    public const int PageSize = 50;

    public RecordType Type { get; private set; } = RecordTypes.Contact;
    public Page<JsonObject> Records { get; private set; } = new([], false, null);
    public IReadOnlyDictionary<string, ReferenceChoices> References { get; private set; } = new Dictionary<string, ReferenceChoices>();

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute(Name = "object")] string objectName, CancellationToken ct)
    {
        if (RecordTypes.Find(objectName) is not { } type)
        {
            return NotFound();
        }

        Type = type;
        Guid? after = PublicId.TryParse(type.Prefix, After, out var cursor) ? cursor : null;
        Records = await reader.ListAsync(type, new RecordListQuery(PageSize, after, NewestFirst: true, Search: Q), ct);
        References = await ReferenceChoices.ForAsync(reader, type, ct);
        return Page();
    }

    public string ListUrl(string? after) => QueryHelpers.AddQueryString($"/records/{Type.Name}",
        new Dictionary<string, string?> { ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q, ["after"] = after }
            .Where(p => p.Value is not null));
}
