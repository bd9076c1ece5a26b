using System.Buffers.Binary;

namespace Integrations.Platform.Ids;

/// <summary>
/// UUIDv7s that strictly increase within this process. <see cref="Guid.CreateVersion7(DateTimeOffset)"/> fills the bits
/// after the millisecond with random ones, so ids made in the same millisecond sort at random; here such an id is the
/// previous one plus one (RFC 9562 §6.2 allows a counter there), so a batch keeps its order and "first" means first.
/// </summary>
internal sealed class MonotonicIds
{
    private readonly Lock gate = new();
    private UInt128 last;

    public Guid Next(DateTimeOffset now) => Next(now, 1)[0];

    /// <summary><paramref name="count"/> ids in a row: one random draw (a system call) for the batch, then counting.</summary>
    public Guid[] Next(DateTimeOffset now, int count)
    {
        var candidate = ToNumber(Guid.CreateVersion7(now));
        var ids = new Guid[count];
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                // The low 62 bits follow the variant bits; counting there keeps version and variant intact.
                last = candidate > last ? candidate : last + 1;
                ids[i] = FromNumber(last);
            }
        }

        return ids;
    }

    /// <summary>
    /// The smallest UUIDv7 of <paramref name="at"/>'s millisecond: every id made from then on (this class never makes one
    /// older than its clock) is at least this, so "since then" is a range of ids an index serves.
    /// </summary>
    public static Guid FirstAt(DateTimeOffset at) =>
        FromNumber(((UInt128)(ulong)Math.Max(0, at.ToUnixTimeMilliseconds()) << 80) | ((UInt128)7 << 76) | ((UInt128)2 << 62));

    private static UInt128 ToNumber(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static Guid FromNumber(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new Guid(bytes, bigEndian: true);
    }
}
