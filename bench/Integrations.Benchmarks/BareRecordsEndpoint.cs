using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Callers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Benchmarks;

/// <summary>
/// The benchmark's baseline: the same contact list query and JSON as <c>GET /api/v1/records/contact</c>, served
/// behind all of the app's middleware (it answers requests no endpoint matched), outside <c>/api</c>, so no key
/// check, scope check or rate limiter runs. It lives only in this benchmark host; the product has no way to turn
/// authentication off.
/// </summary>
internal sealed class BareRecordsEndpoint : IStartupFilter
{
    public const string Path = "/bench/bare/records/contact";

    public Guid WorkspaceId { get; set; }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(Path, bare => bare.Run(async http =>
        {
            http.RequestServices.GetRequiredService<Caller>().Act(WorkspaceId, ActorType.ApiKey, "bench", "bench", ChangeSource.Api);
            var page = await http.RequestServices.GetRequiredService<RecordReader>()
                .ListAsync(RecordTypes.Contact, new RecordListQuery(Limit: 50), http.RequestAborted);
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            await http.Response.WriteAsJsonAsync(page, json, http.RequestAborted);
        }));
    };
}
