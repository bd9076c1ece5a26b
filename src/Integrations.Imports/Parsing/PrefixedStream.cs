namespace Integrations.Imports.Parsing;

/// <summary>Replays the bytes already read for sniffing, then continues with the rest of the stream, so a
/// non-seekable upload is read once.</summary>
internal sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest) : ForwardOnlyStream(rest)
{
    private int position;

    public override int Read(Span<byte> buffer)
    {
        if (position >= prefixLength)
        {
            return Inner.Read(buffer);
        }

        var n = Math.Min(buffer.Length, prefixLength - position);
        prefix.AsSpan(position, n).CopyTo(buffer);
        position += n;
        return n;
    }
}
