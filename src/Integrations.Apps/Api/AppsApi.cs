using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Apps.Api;

internal static class AppsApi
{
    public static void MapAppsEndpoints(this IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/apps").RequireScope(AppsScopes.Read).WithTags("Apps");
        read.MapGet("/", List).WithSummary("The app catalogue: each app's scopes, syncs, actions (with their input fields) and triggers.");
        read.MapGet("/{id}", Get).WithSummary("One app of the catalogue.");
    }

    private static async Task<Ok<AppView[]>> List(AppCatalogue catalogue, AppClients clients, CancellationToken ct)
    {
        var views = new List<AppView>();
        foreach (var app in catalogue.All)
        {
            views.Add(AppView.Of(app, await clients.FindAsync(app.Id, ct)));
        }

        return TypedResults.Ok(views.ToArray());
    }

    private static async Task<Results<Ok<AppView>, ProblemHttpResult>> Get(AppCatalogue catalogue, AppClients clients, string id, CancellationToken ct) =>
        catalogue.Find(id) is { } app
            ? TypedResults.Ok(AppView.Of(app, await clients.FindAsync(app.Id, ct)))
            : ApiProblems.NotFound("app", id);
}
