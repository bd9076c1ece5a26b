using System.Text;

namespace Integrations.Tests.Imports;

/// <summary>A CSV of <paramref name="rows"/> product rows produced on demand, so a 100+ MB file never exists in memory.</summary>
internal sealed class GeneratedCsvStream(int rows) : Stream
{
    private static readonly string Padding = new('x', 60);
    private byte[] pending = Encoding.UTF8.GetBytes("Product Name,Code,Price,Description,Lead Source\r\n");
    private int pendingOffset;
    private int next = 1;

    public long BytesProduced { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (pendingOffset == pending.Length)
        {
            if (next > rows)
            {
                return 0;
            }

            pending = Encoding.UTF8.GetBytes($"\"Widget {next}, large\",W-{next},{next % 1000}.99,{Padding},webinar\r\n");
            pendingOffset = 0;
            next++;
        }

        var n = Math.Min(count, pending.Length - pendingOffset);
        Array.Copy(pending, pendingOffset, buffer, offset, n);
        pendingOffset += n;
        BytesProduced += n;
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
