using Integrations.ApiKeys;
using Integrations.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>
/// The real app on a loopback port, quiet logs, plan limits out of the way of the load. With
/// <paramref name="withoutKeyCheck"/> the API key handler is swapped for <see cref="FixedPrincipalHandler"/>:
/// everything else, middleware and endpoints included, is the same app.
/// </summary>
internal sealed class BenchApp(bool withoutKeyCheck = false, IReadOnlyDictionary<string, string?>? settings = null) : SentinelApp
{
    public Uri BaseUrl { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        // The limiter still runs on every request (its cost is measured); it just never says no.
        ["Sentinel:Plans:Scale:RequestsPerMinute"] = "1000000000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (withoutKeyCheck)
        {
            builder.ConfigureServices(services => services
                .AddSingleton<BaselineCaller>()
                .PostConfigure<AuthenticationOptions>(auth =>
                    auth.SchemeMap[ApiKeyDefaults.Scheme].HandlerType = typeof(FixedPrincipalHandler)));
        }
    }

    public override async ValueTask InitializeAsync()
    {
        UseKestrel(0);
        await base.InitializeAsync();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
