namespace Integrations.Testing.Fakes.OAuth;

/// <summary>A token request's result: tokens, or why not.</summary>
internal sealed record TokenOutcome(FakeTokens? Tokens, GrantRefusal? Refusal)
{
    public static TokenOutcome Issued(FakeTokens tokens) => new(tokens, null);

    public static TokenOutcome Refused(GrantRefusal refusal) => new(null, refusal);
}
