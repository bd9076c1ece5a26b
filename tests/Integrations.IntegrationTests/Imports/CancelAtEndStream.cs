namespace Integrations.IntegrationTests.Imports;

/// <summary>An upload whose client goes away (<paramref name="abort"/> is cancelled) as soon as its last byte is read.</summary>
internal sealed class CancelAtEndStream(byte[] content, CancellationTokenSource abort) : MemoryStream(content)
{
    public override int Read(byte[] buffer, int offset, int count) => Ended(base.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Ended(base.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Ended(await base.ReadAsync(buffer, cancellationToken));

    public override Task CopyToAsync(Stream destination, int bufferSize, CancellationToken cancellationToken) =>
        CopyThroughReadAsync(destination, cancellationToken);

    private async Task CopyThroughReadAsync(Stream destination, CancellationToken ct)
    {
        var buffer = new byte[81_920];
        int n;
        while ((n = await ReadAsync(buffer, ct)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, n), ct);
        }
    }

    private int Ended(int read)
    {
        if (read == 0)
        {
            abort.Cancel();
        }

        return read;
    }
}
