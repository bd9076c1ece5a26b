namespace Integrations.Platform.Ids;

/// <summary>
/// Public ids are a type prefix and a UUIDv7 in hex (<c>con_0193…</c>), so they sort by creation time
/// and a contact id can never be mistaken for a deal id.
/// </summary>
public static class PublicId
{
    public static string Format(string prefix, Guid id) => $"{prefix}_{id:N}";

    public static bool TryParse(string prefix, string? value, out Guid id)
    {
        id = Guid.Empty;
        return value is not null
            && value.Length == prefix.Length + 33
            && value.StartsWith(prefix, StringComparison.Ordinal)
            && value[prefix.Length] == '_'
            && Guid.TryParseExact(value.AsSpan(prefix.Length + 1), "N", out id);
    }

    public static Guid NewId(TimeProvider clock) => Ids.Next(clock.GetUtcNow());

    /// <summary>Ids in creation order, even when they share a millisecond (a batch, or a stopped test clock).</summary>
    public static Guid[] NewIds(TimeProvider clock, int count) => Ids.Next(clock.GetUtcNow(), count);

    private static readonly MonotonicIds Ids = new();
}
