using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Integrations.Crm.Activities;

/// <summary>
/// An HTML body as readable text: scripts, styles and the head dropped, entities decoded, blocks and line breaks
/// as new lines, list items as bullets, a link's address after its text. Parsed with AngleSharp (HTML5 rules, so
/// broken mail HTML parses as a browser would), walked without recursion, so deep nesting cannot exhaust the stack.
/// </summary>
internal static class HtmlText
{
    private static readonly HashSet<string> Dropped = ["head", "script", "style", "template", "noscript", "title", "svg"];

    /// <summary>Elements set apart by an empty line.</summary>
    private static readonly HashSet<string> Paragraphs =
        ["p", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure"];

    /// <summary>Elements on lines of their own.</summary>
    private static readonly HashSet<string> Lines =
        ["div", "section", "article", "header", "footer", "main", "aside", "nav", "tr", "li", "dt", "dd", "form", "fieldset", "address", "figcaption"];

    public static string Reduce(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder(html.Length / 2);
        var pending = new Stack<(INode Node, bool Closing)>();
        pending.Push((document.Body ?? (INode)document, false));
        while (pending.TryPop(out var item))
        {
            switch (item.Node)
            {
                case IText words:
                    AppendCollapsed(text, words.Data);
                    break;
                case IElement element when item.Closing:
                    Close(element, text);
                    break;
                case IElement element when Dropped.Contains(element.LocalName):
                    break;
                case IElement { LocalName: "br" }:
                    TrimEnd(text);
                    text.Append('\n');
                    break;
                case IElement { LocalName: "img" } image:
                    AppendCollapsed(text, image.GetAttribute("alt") ?? "");
                    break;
                case IElement element:
                    Break(element, text);
                    text.Append(element.LocalName switch { "li" => "• ", "td" or "th" => " ", _ => "" });
                    pending.Push((element, true));
                    PushChildren(pending, element);
                    break;
                default:
                    PushChildren(pending, item.Node);
                    break;
            }
        }

        return Tidy(text.ToString());
    }

    private static void PushChildren(Stack<(INode, bool)> pending, INode node)
    {
        for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
        {
            pending.Push((node.ChildNodes[i], false));
        }
    }

    private static void Close(IElement element, StringBuilder text)
    {
        // "Read more <https://…>": the address a person would otherwise lose, unless the text already is it.
        if (element.LocalName == "a" && element.GetAttribute("href") is { } href
            && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && !element.TextContent.Trim().Equals(href, StringComparison.OrdinalIgnoreCase))
        {
            text.Append(" <").Append(href).Append('>');
        }

        Break(element, text);
    }

    /// <summary>Ends the text with the line break or empty line the element stands apart by (once, however many
    /// elements open or close there).</summary>
    private static void Break(IElement element, StringBuilder text)
    {
        var lines = Paragraphs.Contains(element.LocalName) ? 2 : Lines.Contains(element.LocalName) ? 1 : 0;
        if (lines == 0)
        {
            return;
        }

        TrimEnd(text);
        var have = 0;
        while (have < text.Length && text[text.Length - 1 - have] == '\n')
        {
            have++;
        }

        text.Append('\n', text.Length == 0 ? 0 : Math.Max(0, lines - have));
    }

    private static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
        {
            text.Length--;
        }
    }

    private static void AppendCollapsed(StringBuilder text, string words)
    {
        var space = text.Length > 0 && char.IsWhiteSpace(text[^1]);
        foreach (var c in words)
        {
            if (char.IsWhiteSpace(c) || c == '\u00a0')
            {
                if (!space)
                {
                    text.Append(' ');
                    space = true;
                }
            }
            else
            {
                text.Append(c);
                space = false;
            }
        }
    }

    /// <summary>Each line trimmed, at most one empty line in a row, none at either end.</summary>
    private static string Tidy(string text)
    {
        var tidy = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                blank++;
                continue;
            }

            if (tidy.Length > 0)
            {
                tidy.Append(blank > 0 ? "\n\n" : "\n");
            }

            tidy.Append(trimmed);
            blank = 0;
        }

        return tidy.ToString();
    }
}
