using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>The real app on a loopback port, quiet logs, plan limits out of the way of the load.</summary>
internal sealed class BenchApp : SentinelApp
{
    public BenchApp() => UseKestrel(0);

    public Uri BaseUrl { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Serilog:MinimumLevel:Default"] = "Warning",
        // The limiter still runs on every request (its cost is measured); it just never says no.
        ["Sentinel:Plans:Scale:RequestsPerMinute"] = "1000000000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services
            .AddSingleton<BareRecordsEndpoint>()
            .AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(sp => sp.GetRequiredService<BareRecordsEndpoint>()));
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }
}
