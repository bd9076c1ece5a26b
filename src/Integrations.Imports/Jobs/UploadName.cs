using System.Text;

namespace Integrations.Imports.Jobs;

/// <summary>
/// The name an import is listed under: the last segment of whatever the client sent (some browsers send a Windows
/// path), without control characters or broken UTF-16, and short enough for its column. Every byte of it is the
/// client's choice, and the name reaches the database, the page and the error file's download name.
/// </summary>
internal static class UploadName
{
    internal const int MaxLength = 255;

    public static string Clean(string fileName)
    {
        var name = new StringBuilder(Math.Min(fileName.Length, MaxLength * 2));
        foreach (var rune in fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..].EnumerateRunes())
            name.Append(Rune.IsControl(rune) ? "\uFFFD" : rune.ToString());
        var clean = name.ToString().Trim();
        if (clean.Length == 0)
            return "upload";
        if (clean.Length <= MaxLength)
            return clean;
        var extension = Path.GetExtension(clean);
        extension = extension.Length <= 10 ? extension : "";
        var keep = MaxLength - extension.Length - 1;
        if (char.IsHighSurrogate(clean[keep - 1]))
            keep--;
        return string.Concat(clean.AsSpan(0, keep), "…", extension);
    }
}
