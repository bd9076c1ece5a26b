using Integrations.Platform.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integrations.Tests.Platform;

public sealed class PostgresListenerTests
{
    [Theory]
    [InlineData("webhook_deliveries; DROP TABLE events")]
    [InlineData("\"quoted\"")]
    [InlineData("")]
    public async Task ListenAsync_RefusesAChannelThatIsNotAPlainName_BeforeConnecting(string channel)
    {
        // Were the name let through, the listener would retry the unreachable host until this token stops it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));

        await Assert.ThrowsAsync<ArgumentException>(() => PostgresListener.ListenAsync(
            "Host=192.0.2.1;Timeout=1", channel, _ => { }, () => { }, NullLogger.Instance, timeout.Token));
    }
}
