using System.Net;
using Integrations.Platform.Outbound;

namespace Integrations.Tests.Platform;

public sealed class OutboundGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fc00::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fe80::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("::5db8:d822")] // ::93.184.216.34, the deprecated IPv4-compatible form of a public address
    [InlineData("::a00:1")]
    [InlineData("4000::1")]
    [InlineData("3fff::1")]
    [InlineData("2001:db8::1")]
    [InlineData("2002:a00:1::1")]
    [InlineData("ff02::1")]
    public void IsGlobal_IsFalse_ForPrivateLoopbackLinkLocalAndMappedAddresses(string address) =>
        Assert.False(OutboundGuard.IsGlobal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::6810:85e5")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:93.184.216.34")]
    public void IsGlobal_IsTrue_ForPublicAddresses(string address) =>
        Assert.True(OutboundGuard.IsGlobal(IPAddress.Parse(address)));
}
