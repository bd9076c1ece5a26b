using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Integrations.Platform.Security;

/// <summary>
/// Who a refusal is counted against: an IPv4 address, or an IPv6 address's /64, since one host usually holds a whole
/// /64 and could otherwise take a fresh address for every request; or, when there are too many of those to count
/// apart, the network around them (<see cref="Wider"/>). A struct, so a lookup allocates nothing.
/// </summary>
internal readonly record struct ClientNetwork(AddressFamily Family, ulong Bits, int PrefixLength)
{
    /// <summary>A request without an address (a Unix socket, a test server): never limited, its warnings sampled together.</summary>
    public static readonly ClientNetwork Unknown = new(AddressFamily.Unknown, 0, 0);

    public static ClientNetwork Of(IPAddress? address)
    {
        if (address is null)
        {
            return Unknown;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return new ClientNetwork(AddressFamily.InterNetwork, BinaryPrimitives.ReadUInt32BigEndian(bytes), 32);
        }

        // Kestrel on a dual-stack socket sees an IPv4 client as ::ffff:a.b.c.d: the same client.
        return address.IsIPv4MappedToIPv6
            ? new ClientNetwork(AddressFamily.InterNetwork, BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]), 32)
            : new ClientNetwork(AddressFamily.InterNetworkV6, BinaryPrimitives.ReadUInt64BigEndian(bytes), 64);
    }

    /// <summary>The IPv4 /24 or IPv6 /48 this network is in.</summary>
    public ClientNetwork Wider() => Family switch
    {
        AddressFamily.InterNetwork => new ClientNetwork(Family, Bits & 0xFFFF_FF00, 24),
        AddressFamily.InterNetworkV6 => new ClientNetwork(Family, Bits & 0xFFFF_FFFF_FFFF_0000, 48),
        _ => this,
    };

    public override string ToString()
    {
        if (Family == AddressFamily.Unknown)
        {
            return "an unknown address";
        }

        var bytes = new byte[Family == AddressFamily.InterNetwork ? 4 : 16];
        if (Family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Bits);
            return PrefixLength == 32 ? new IPAddress(bytes).ToString() : $"{new IPAddress(bytes)}/{PrefixLength}";
        }

        BinaryPrimitives.WriteUInt64BigEndian(bytes, Bits);
        return $"{new IPAddress(bytes)}/{PrefixLength}";
    }
}
