namespace Integrations.Platform.Events;

/// <summary>
/// Receiving events whose type starts with <see cref="TypePrefix"/> (<c>contact.</c>, <c>record.</c>) shows what a key
/// holding <see cref="Scope"/> may read, so subscribing to them needs that scope. A module declares these for the
/// events it emits; a type several rules match needs each of their scopes.
/// </summary>
public sealed record EventReadScope(string TypePrefix, string Scope)
{
    public bool Covers(string eventType) => eventType.StartsWith(TypePrefix, StringComparison.Ordinal);
}
