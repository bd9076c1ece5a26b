using System.Text.Json.Nodes;

namespace Integrations.Apps.Posts;

/// <summary>
/// How a post becomes one app's action: which action publishes it, which of the action's inputs each post field fills
/// (<c>text</c>, <c>link</c>, <c>image_url</c>; a field the app takes no input for cannot be given), and which fields of
/// the action's result are the provider's post id and its link. The action's own checks (LinkedIn's 3,000 characters,
/// Instagram's required image) are the post's, run when it is scheduled.
/// </summary>
internal sealed record PostTarget(string AppId, string ActionId, IReadOnlyDictionary<string, string> Inputs, string IdField, string UrlField)
{
    /// <summary>The action's input for the post's fields that are set.</summary>
    public JsonObject Input(string text, string? link, string? imageUrl)
    {
        var input = new JsonObject();
        foreach (var (field, value) in new[] { (PostFields.Text, text), (PostFields.Link, link), (PostFields.ImageUrl, imageUrl) })
        {
            if (!string.IsNullOrEmpty(value) && Inputs.TryGetValue(field, out var name))
            {
                input[name] = value;
            }
        }

        return input;
    }

    /// <summary>The post field an action input error (<c>input.caption</c>) is about, as the post's API names it.</summary>
    public string FieldOf(string inputError)
    {
        var name = inputError.StartsWith("input.", StringComparison.Ordinal) ? inputError["input.".Length..] : inputError;
        return Inputs.FirstOrDefault(i => i.Value == name).Key ?? name;
    }
}

/// <summary>The post fields, as the API and the page name them.</summary>
internal static class PostFields
{
    public const string Text = "text";
    public const string Link = "link";
    public const string ImageUrl = "image_url";
}
