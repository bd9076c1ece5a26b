using System.Diagnostics;
using System.Net;
using Integrations.Automation.Runs;
using Integrations.Platform.Limits;
using Integrations.Platform.Security;
using Integrations.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integrations.IntegrationTests.ScaleOut;

/// <summary>
/// The shared limits over a real Redis, each instance played by its own store and limiter objects (as two processes
/// would hold them): they draw on one count. And a configured Redis that is down fails open, at once.
/// </summary>
public sealed class SharedLimitsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Windows_OfTwoInstances_AllowTheLimitOnceBetweenThem()
    {
        var (a, b) = (Windows(await RedisServer.ConnectionStringAsync()), Windows(await RedisServer.ConnectionStringAsync()));
        var name = Guid.NewGuid();

        var decisions = new List<WindowDecision>();
        for (var i = 0; i < 4; i++)
        {
            decisions.Add((await a.AcquireAsync("test", name, 5, Minute)).GetValueOrDefault());
            decisions.Add((await b.AcquireAsync("test", name, 5, Minute)).GetValueOrDefault());
        }

        Assert.Equal(5, decisions.Count(d => d.Allowed));
        Assert.Equal([4, 3, 2, 1, 0], decisions.Where(d => d.Allowed).Select(d => d.Remaining));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.InRange(d.ResetSeconds, 1, 60));
    }

    [Fact]
    public async Task Refusals_CountedOnOneInstance_HoldBackTheAddressOnAnother()
    {
        var redis = await RedisServer.ConnectionStringAsync();
        var (a, b) = (Refusals(redis), Refusals(redis));
        var address = IPAddress.Parse("203.0.113.9");
        var subject = $"test {Guid.NewGuid():N}";

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await b.RetryAfterAsync(address, subject));
            await a.CountAsync(address, subject);
        }

        Assert.InRange((await b.RetryAfterAsync(address, subject)).GetValueOrDefault(), 1, 60);
        Assert.Null(await b.RetryAfterAsync(IPAddress.Parse("203.0.113.10"), subject));
    }

    [Fact]
    public async Task RunLimiters_OfTwoInstances_FillTheSameMinutesInTurn()
    {
        var redis = await RedisServer.ConnectionStringAsync();
        var (a, b) = (new RunRateLimiter(Store(redis)), new RunRateLimiter(Store(redis)));
        var workflow = Guid.NewGuid();
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60 + 30);
        var next = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60 + 60);

        var first = await a.StartTimesAsync(workflow, 2, 3, now);
        var second = await b.StartTimesAsync(workflow, 2, 2, now);

        Assert.Equal([null, null, next], first);
        Assert.Equal([next, next.AddMinutes(1)], second);
    }

    [Fact]
    public async Task Store_ThatCannotBeReached_FailsOpenAtOnce_AndSaysSo()
    {
        var store = Store(RedisServer.Unreachable());
        var windows = new SharedWindows(store);
        var watch = Stopwatch.StartNew();

        var first = await windows.AcquireAsync("test", "down", 1, Minute);
        var second = await windows.AcquireAsync("test", "down", 1, Minute);

        Assert.Null(first);
        Assert.Null(second);
        Assert.True(store.IsFailing);
        // The first call waits for the first connection attempt (2 s at most); the next ones not at all.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Failing open took {watch.Elapsed}.");
        var runs = await new RunRateLimiter(store).StartTimesAsync(Guid.NewGuid(), 1, 2, DateTimeOffset.UtcNow);
        Assert.Null(runs[0]);
        Assert.NotNull(runs[1]);
    }

    private static SharedStore Store(string redis) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis }).Build(),
        NullLogger<SharedStore>.Instance);

    private static SharedWindows Windows(string redis) => new(Store(redis));

    private static RefusalLimiter Refusals(string redis)
    {
        var options = new ServiceCollection().Configure<RefusalOptions>(o => o.RefusalsPerMinutePerIp = 3).BuildServiceProvider()
            .GetRequiredService<IOptionsMonitor<RefusalOptions>>();
        return new RefusalLimiter(TimeProvider.System, options, NullLogger<RefusalLimiter>.Instance, Windows(redis));
    }
}
