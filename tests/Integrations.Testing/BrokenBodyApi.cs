using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Integrations.Testing;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that answers every request with 200, promises a 10,000-byte JSON body, sends a
/// few bytes of it and closes its side: the client has the headers when reading the body breaks. Raw sockets, because
/// Kestrel cannot be made to close a connection after (and only after) its bytes left.
/// </summary>
public sealed class BrokenBodyApi : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task loop = Task.CompletedTask;

    public int Requests { get; private set; }

    public static BrokenBodyApi Start()
    {
        var api = new BrokenBodyApi();
        api.listener.Start();
        api.loop = api.AcceptAsync();
        return api;
    }

    public string Url(string path) => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}{path}";

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stop.Token);
            _ = AnswerAsync(socket);
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        try
        {
            await ServeAsync(socket);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The test ended, or the client went away.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, stop.Token);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Requests++;
        await socket.SendAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{\"data\":["), stop.Token);
        // FIN after the bytes sent; then wait for the client to close, so no reset overtakes them.
        socket.Shutdown(SocketShutdown.Send);
        while (await socket.ReceiveAsync(buffer, stop.Token) > 0)
        {
        }
    }
}
