using System.Net;
using Integrations.Platform.Security;

namespace Integrations.Tests.Platform;

public sealed class ClientNetworkTests
{
    [Fact]
    public void Of_CountsAnIpv4MappedAddress_AsItsIpv4Address()
    {
        var mapped = ClientNetwork.Of(IPAddress.Parse("::ffff:203.0.113.7"));

        Assert.Equal(ClientNetwork.Of(IPAddress.Parse("203.0.113.7")), mapped);
        Assert.Equal("203.0.113.7", mapped.ToString());
    }

    [Fact]
    public void Of_CountsIpv6AddressesByTheirSlash64()
    {
        var one = ClientNetwork.Of(IPAddress.Parse("2001:db8:0:1::1"));

        Assert.Equal(one, ClientNetwork.Of(IPAddress.Parse("2001:db8:0:1:ffff:ffff:ffff:ffff")));
        Assert.NotEqual(one, ClientNetwork.Of(IPAddress.Parse("2001:db8:0:2::1")));
        Assert.Equal("2001:db8:0:1::/64", one.ToString());
    }

    [Fact]
    public void Of_KeepsIpv4AddressesApart_FromIpv6OnesWithTheSameBits() =>
        Assert.NotEqual(ClientNetwork.Of(IPAddress.Parse("0.0.0.1")), ClientNetwork.Of(IPAddress.Parse("0:0:0:1::")));

    [Fact]
    public void Wider_IsTheSlash24OfAnIpv4Address_AndTheSlash48OfAnIpv6One()
    {
        var v4 = ClientNetwork.Of(IPAddress.Parse("203.0.113.7")).Wider();
        var v6 = ClientNetwork.Of(IPAddress.Parse("2001:db8:1:2::1")).Wider();

        Assert.Equal(v4, ClientNetwork.Of(IPAddress.Parse("203.0.113.200")).Wider());
        Assert.NotEqual(v4, ClientNetwork.Of(IPAddress.Parse("203.0.114.7")).Wider());
        Assert.NotEqual(v4, ClientNetwork.Of(IPAddress.Parse("203.0.113.0")));
        Assert.Equal("203.0.113.0/24", v4.ToString());
        Assert.Equal(v6, ClientNetwork.Of(IPAddress.Parse("2001:db8:1:ffff::1")).Wider());
        Assert.Equal("2001:db8:1::/48", v6.ToString());
    }
}
