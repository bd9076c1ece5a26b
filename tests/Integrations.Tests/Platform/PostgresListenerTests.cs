using Integrations.Platform.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integrations.Tests.Platform;

public sealed class PostgresListenerTests
{
    [Theory]
    [InlineData("webhook_deliveries; DROP TABLE events")]
    [InlineData("\"quoted\"")]
    [InlineData("")]
    public async Task ListenAsync_RefusesAChannelThatIsNotAPlainName_BeforeConnecting(string channel) =>
        await Assert.ThrowsAsync<ArgumentException>(() => PostgresListener.ListenAsync(
            "Host=192.0.2.1", channel, _ => { }, () => { }, NullLogger.Instance, TestContext.Current.CancellationToken));
}
