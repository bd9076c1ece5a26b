namespace Integrations.Imports.Parsing;

/// <summary>Replays the bytes already read for sniffing, then continues with the rest of the stream, so a
/// non-seekable upload is read once.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ForwardOnlyStream(rest)
{
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        if (_position >= prefixLength)
            return Inner.Read(buffer);
        var n = Math.Min(buffer.Length, prefixLength - _position);
        prefix.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }
}
