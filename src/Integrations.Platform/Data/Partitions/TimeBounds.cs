using System.Buffers.Binary;
using System.Globalization;

namespace Integrations.Platform.Data.Partitions;

/// <summary>Weeks (Monday 00:00 UTC) and the UUIDv7 ids that bound them: the smallest id of an instant.</summary>
internal static class TimeBounds
{
    public static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The Monday 00:00 UTC on or before <paramref name="at"/>.</summary>
    public static DateTimeOffset WeekOf(DateTimeOffset at)
    {
        var day = at.UtcDateTime.Date;
        return new DateTimeOffset(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), TimeSpan.Zero);
    }

    /// <summary>The smallest UUIDv7 made at <paramref name="at"/>: its milliseconds, then zeros.</summary>
    public static Guid FirstId(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, at.ToUnixTimeMilliseconds() << 16);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>When a UUIDv7 was made (its first 48 bits).</summary>
    public static DateTimeOffset TimeOf(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes) >>> 16);
    }

    public static string PartitionName(string table, DateTimeOffset week) =>
        $"{table}_w{week.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
