using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Apps;

public sealed class IndexModel(AppCatalogue catalogue, AppClients clients) : PageModel
{
    public IReadOnlyList<IGrouping<string, AppDefinition>> Categories { get; } = catalogue.All.GroupBy(a => a.Category).ToList();

    public Dictionary<string, AppClientView> Clients { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var app in catalogue.All)
        {
            Clients[app.Id] = await clients.FindAsync(app.Id, ct);
        }
    }
}
