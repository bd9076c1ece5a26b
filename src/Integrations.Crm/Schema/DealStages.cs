namespace Integrations.Crm.Schema;

public static class DealStages
{
    public const string ClosedWon = "closed_won";

    public static readonly IReadOnlyList<Choice> All =
    [
        new("prospecting", "Prospecting"),
        new("qualification", "Qualification"),
        new("needs_analysis", "Needs Analysis"),
        new("proposal", "Proposal"),
        new("negotiation", "Negotiation"),
        new(ClosedWon, "Closed Won"),
        new("closed_lost", "Closed Lost"),
    ];
}
