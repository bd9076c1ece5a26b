using System.Net;
using Integrations.Platform.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.Platform;

public sealed class RefusalLimiterTests
{
    private const int Limit = 3;
    private const string Subject = "API keys";

    [Fact]
    public void RetryAfter_LimitsANewAddressByItsSlash24_WhenTheMinuteHoldsAllTheAddressesItMay()
    {
        var limiter = Limiter();
        for (var i = 0; i < 100_000; i++)
        {
            limiter.Count(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]), Subject);
        }

        for (var i = 0; i < Limit; i++)
        {
            limiter.Count(IPAddress.Parse("198.51.100.7"), Subject);
        }

        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("198.51.100.7"), Subject));
        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("198.51.100.8"), Subject));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("198.51.101.7"), Subject));
    }

    private static RefusalLimiter Limiter()
    {
        var options = new ServiceCollection().Configure<RefusalOptions>(o => o.RefusalsPerMinutePerIp = Limit).BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<RefusalOptions>>();
        return new RefusalLimiter(new StoppedClock(new DateTimeOffset(2026, 12, 1, 12, 0, 10, TimeSpan.Zero)), options,
            NullLogger<RefusalLimiter>.Instance, NoSharedStore.Windows);
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
