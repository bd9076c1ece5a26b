using System.Text;

namespace Integrations.Imports.Mapping;

internal static class HeaderNormalizer
{
    /// <summary>"E-mail Address", "email_address" and "EmailAddress" all become <c>emailaddress</c>.</summary>
    public static string Normalize(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>The key an unknown column is stored under in <c>custom_fields</c>: "Lead Source" → <c>lead_source</c>.</summary>
    public static string CustomFieldKey(string header)
    {
        var sb = new StringBuilder(header.Length);
        foreach (var c in header.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '_')
            {
                sb.Append('_');
            }
        }

        return sb.ToString().TrimEnd('_');
    }
}
