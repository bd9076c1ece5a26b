namespace Integrations.Platform.Api;

/// <summary>A page of a cursor-paginated list; pass <see cref="NextCursor"/> as <c>cursor</c> for the next.</summary>
public sealed record Page<T>(IReadOnlyList<T> Data, bool HasMore, string? NextCursor);
