using System.Text;

namespace Integrations.Tests.Imports;

/// <summary>A CSV of <paramref name="rows"/> product rows produced on demand, so a 100+ MB file never exists in memory.</summary>
internal sealed class GeneratedCsvStream(int rows) : Stream
{
    private static readonly string Padding = new('x', 60);
    private byte[] _pending = Encoding.UTF8.GetBytes("Product Name,Code,Price,Description,Lead Source\r\n");
    private int _offset;
    private int _next = 1;

    public long BytesProduced { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _pending.Length)
        {
            if (_next > rows)
                return 0;
            _pending = Encoding.UTF8.GetBytes($"\"Widget {_next}, large\",W-{_next},{_next % 1000}.99,{Padding},webinar\r\n");
            _offset = 0;
            _next++;
        }
        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
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
