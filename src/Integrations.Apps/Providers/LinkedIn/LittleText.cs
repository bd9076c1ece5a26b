using System.Text;

namespace Integrations.Apps.Providers.LinkedIn;

/// <summary>A post's <c>commentary</c> is in LinkedIn's "little text" format, where <c>| { } @ [ ] ( ) &lt; &gt; # \ * _ ~</c>
/// are markup (mentions, hashtags…): LinkedIn cuts a post short at one left bare, so the member's text escapes them all.</summary>
internal static class LittleText
{
    private const string Reserved = "|{}@[]()<>#\\*_~";

    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (Reserved.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
