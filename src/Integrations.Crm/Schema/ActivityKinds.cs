namespace Integrations.Crm.Schema;

/// <summary>The choices of an activity's kind and direction, and how long its body may be.</summary>
public static class ActivityKinds
{
    public const string Email = "email";
    public const string Message = "message";
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";

    /// <summary>64 KB of text: a long email thread fits, a pasted attachment does not.</summary>
    public const int MaxBodyLength = 65_536;

    public static readonly IReadOnlyList<Choice> All =
    [
        new(Email, "Email"),
        new("meeting", "Meeting"),
        new(Message, "Message"),
        new("call", "Call"),
        new("note", "Note"),
    ];

    public static readonly IReadOnlyList<Choice> Directions = [new(Inbound, "Inbound"), new(Outbound, "Outbound")];
}
