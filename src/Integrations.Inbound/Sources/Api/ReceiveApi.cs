using Integrations.Inbound.Sources.Requests;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Inbound.Sources.Api;

internal static class ReceiveApi
{
    /// <summary>Anonymous to API keys: the source's own verification method decides. An unknown source (404) counts
    /// against the client's address for every source, a request that fails verification (401) for its source only
    /// (<see cref="RefusalLimiter"/>).</summary>
    public static void MapReceive(this IEndpointRouteBuilder api) =>
        api.MapPost("/inbound/{sourceId}", (string sourceId, HttpContext http, SourceReceiver receiver, CancellationToken ct) =>
                receiver.ReceiveAsync(sourceId, http, ct))
            .AllowAnonymous()
            .LimitRefusals("inbound sources", "sourceId")
            .WithTags("Inbound")
            .WithSummary("Receives a webhook for a source: verified by the source's method, stored, answered 202 and processed in the background.")
            .Produces<ReceivedAnswer>(StatusCodes.Status202Accepted)
            .Produces<ReceivedAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
