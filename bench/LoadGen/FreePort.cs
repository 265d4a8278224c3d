using System.Net;
using System.Net.Sockets;

namespace PbenchAuthSpec.LoadGen;

/// <summary>A loopback port that was free a moment ago (the servers are told their port up front
/// so that the cold-start clock can run from the process start, not from a line of output).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
