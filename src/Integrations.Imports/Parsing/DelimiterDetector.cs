namespace Integrations.Imports.Parsing;

/// <summary>Picks <c>,</c>, <c>;</c> or tab: whichever occurs most in the header line outside quotes.</summary>
internal static class DelimiterDetector
{
    private static readonly char[] Candidates = [',', ';', '\t'];

    public static char Detect(string head)
    {
        var counts = new int[Candidates.Length];
        var quoted = false;
        foreach (var c in head)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\r' or '\n')
            {
                break;
            }
            else if (!quoted && Array.IndexOf(Candidates, c) is var i and >= 0)
            {
                counts[i]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return Candidates[best];
    }
}
