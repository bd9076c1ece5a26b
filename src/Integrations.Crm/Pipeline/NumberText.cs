using System.Globalization;

namespace Integrations.Crm.Pipeline;

/// <summary>
/// Reads an amount as people write it, in either convention: <c>1,234.56</c> or <c>1.234,56</c>, <c>12.5</c> or
/// <c>12,5</c>, <c>1 234,56</c>, <c>1'234.50</c>, <c>1e3</c>. The last mark is the decimal one when both appear; a
/// mark that appears more than once groups digits. A mark that appears once before exactly three digits
/// (<c>1,500</c>, <c>1.500</c>) is the one case the text cannot settle, and the caller's decimal mark decides it.
/// Groups after the first must hold three digits: text that fits no convention is refused rather than guessed
/// (a culture-free parse once read <c>12,5</c> as 125).
/// </summary>
public static class NumberText
{
    private const string Spaces = " \u00A0\u202F'";

    // Longer than any amount a decimal holds, even grouped; keeps the digits on the stack.
    private const int MaxLength = 64;

    /// <param name="decimalMark"><c>.</c> or <c>,</c>: how the source writes decimals when the text alone does not say.</param>
    public static bool TryParse(string text, char decimalMark, out decimal value)
    {
        value = 0;
        var s = text.AsSpan().Trim();
        if (s.Length > MaxLength)
        {
            return false;
        }

        if (s.ContainsAny('e', 'E'))
        {
            return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        var sign = s.Length > 0 && s[0] is '-' or '+' ? s[0] : '\0';
        if (sign != '\0')
        {
            s = s[1..];
        }

        var dot = s.LastIndexOf('.');
        var comma = s.LastIndexOf(',');
        var mark = (dot, comma) switch
        {
            ( >= 0, >= 0) => dot > comma ? '.' : ',',
            ( >= 0, _) => Single(s, '.', decimalMark),
            (_, >= 0) => Single(s, ',', decimalMark),
            _ => '\0',
        };
        var group = mark == ',' || mark == '\0' && dot >= 0 ? '.' : ',';
        var at = mark == '\0' ? -1 : s.LastIndexOf(mark);
        var whole = at < 0 ? s : s[..at];
        var fraction = at < 0 ? [] : s[(at + 1)..];
        if (whole.IsEmpty && fraction.IsEmpty || fraction.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        Span<char> digits = stackalloc char[s.Length + 2];
        var length = 0;
        if (sign == '-')
        {
            digits[length++] = '-';
        }

        if (!CopyGrouped(whole, group, digits, ref length))
        {
            return false;
        }

        digits[length++] = '.';
        fraction.CopyTo(digits[length..]);
        length += fraction.Length;
        return decimal.TryParse(digits[..length], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The amount in invariant form (<c>1234.5</c>) when it reads as one, else the text unchanged, so a
    /// later parse reports it as written.</summary>
    public static string Invariant(string text, char decimalMark) =>
        TryParse(text, decimalMark, out var value) ? value.ToString(CultureInfo.InvariantCulture) : text;

    // One kind of mark: several group digits; one before other than three digits, or after nothing but a zero (0,500),
    // is decimal; one before exactly three is whatever the source calls decimal.
    private static char Single(ReadOnlySpan<char> s, char mark, char decimalMark)
    {
        var at = s.LastIndexOf(mark);
        if (s[..at].Contains(mark))
        {
            return '\0';
        }

        return s.Length - at - 1 != 3 || mark == decimalMark || at == 0 || s[..at] is "0" ? mark : '\0';
    }

    // The digits of the whole part, without its group separators, which must split it into threes after the first.
    private static bool CopyGrouped(ReadOnlySpan<char> whole, char group, Span<char> digits, ref int length)
    {
        var run = 0;
        var grouped = false;
        foreach (var c in whole)
        {
            if (char.IsAsciiDigit(c))
            {
                digits[length++] = c;
                run++;
            }
            else if (c == group || Spaces.Contains(c))
            {
                if (run == 0 || run > 3 || grouped && run != 3)
                {
                    return false;
                }

                grouped = true;
                run = 0;
            }
            else
            {
                return false;
            }
        }

        if (grouped && run != 3)
        {
            return false;
        }

        if (length == 0 || digits[length - 1] is '-')
        {
            digits[length++] = '0';
        }

        return true;
    }
}
