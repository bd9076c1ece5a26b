using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Team;

/// <summary>Every admin page the app maps, with its handlers, read from the app itself: a page added later is in the
/// role matrix without anyone listing it.</summary>
internal static class AdminPages
{
    /// <param name="Personal">About the signed-in person, not a workspace (<c>[WithoutWorkspace]</c>).</param>
    /// <param name="OwnersOnly">Refuses everyone but the workspace's owners (<c>[OwnersOnly]</c>).</param>
    public sealed record Page(string Template, bool HasParameters, IReadOnlyList<string> PostHandlers, bool Personal, bool OwnersOnly)
    {
        /// <summary>The page's address with every route value filled in (a new GUID where the route wants one).</summary>
        public string Address(IDictionary<string, string>? values = null) =>
            "/" + string.Join("/", Template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
            {
                if (!segment.StartsWith('{'))
                {
                    return segment;
                }

                var name = segment.Trim('{', '}', '?').Split(':', '=')[0];
                return values is not null && values.TryGetValue(name, out var value) ? value
                    : segment.Contains("guid", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString() : "contact";
            }));
    }

    public static async Task<IReadOnlyList<Page>> ReadAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var pages = new List<Page>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                continue;
            }

            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var posts = compiled.HandlerMethods.Where(h => HttpMethods.IsPost(h.HttpMethod)).Select(h => h.Name ?? "").ToList();
            var model = compiled.HandlerTypeInfo;
            pages.Add(new Page(endpoint.RoutePattern.RawText ?? "/", endpoint.RoutePattern.Parameters.Any(p => !p.IsOptional), posts,
                model.IsDefined(typeof(WithoutWorkspaceAttribute), false) || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                model.IsDefined(typeof(OwnersOnlyAttribute), false)));
        }

        return pages;
    }
}
