using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing;

/// <summary>The real app with a <see cref="ManualClock"/> as its <see cref="TimeProvider"/>.</summary>
public class ClockedSentinelApp : SentinelApp
{
    /// <summary>Starts near the real time (cookies and data protection keys stay valid), on a whole minute plus 45 s.</summary>
    public ManualClock Clock { get; } = new(WholeMinute(DateTimeOffset.UtcNow).AddSeconds(45));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    private static DateTimeOffset WholeMinute(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
