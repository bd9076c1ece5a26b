namespace Integrations.Testing.Fakes.Graph;

/// <summary>What a state token stands for: a round over one collection (changes with a version in
/// (<see cref="Since"/>, <see cref="UpTo"/>]), how far into it a <c>$skiptoken</c> is, and the query the first request
/// of the first round fixed (Graph encodes it into every later link).</summary>
internal sealed record DeltaState(string Collection, long Since, long UpTo, int Offset)
{
    public DateTimeOffset? ReceivedFrom { get; init; }

    public DateTimeOffset? WindowStart { get; init; }

    public DateTimeOffset? WindowEnd { get; init; }

    public IReadOnlyList<string>? Select { get; init; }
}

/// <summary>One page of a delta round: the items (or <c>@removed</c> entries), and the token of the next page or, at
/// the round's end, of the next round.</summary>
internal sealed record DeltaPage(IReadOnlyList<System.Text.Json.Nodes.JsonObject> Items, string Token, bool EndOfRound);
