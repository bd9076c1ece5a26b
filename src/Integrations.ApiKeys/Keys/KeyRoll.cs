namespace Integrations.ApiKeys.Keys;

/// <summary>What rolling a key did: the new secret, or why not (<see cref="Refusal"/>), or no such key.</summary>
public sealed record KeyRoll(IssuedApiKey? Issued, string? Refusal)
{
    public static KeyRoll NotFound { get; } = new(null, null);

    public static KeyRoll Refused(string why) => new(null, why);

    public static KeyRoll Rolled(IssuedApiKey issued) => new(issued, null);
}
