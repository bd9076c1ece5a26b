namespace Integrations.Testing;

/// <summary>A POST whose endpoint and <c>webhook-id</c> had arrived before.</summary>
/// <param name="Key"><c>"{endpoint}|{webhook-id}"</c>.</param>
/// <param name="FirstAt">The first arrival (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</param>
/// <param name="At">This one.</param>
public sealed record ReceivedRepeat(string Key, long FirstAt, long At);
