using System.Net;
using System.Net.Sockets;

namespace Integrations.Testing;

/// <summary>Loopback ports for the servers tests start (Postgres, Redis, app processes).</summary>
public static class FreePort
{
    /// <summary>A loopback port nothing listens on now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
