using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Integrations.Web.Hosting.Team;

/// <summary>A viewer gets no form that changes anything: for a viewer every <c>method="post"</c> form, unless it says
/// <c>viewer-allowed</c> (signing out, switching workspace), becomes a disabled, borderless fieldset without its
/// buttons (site.css), so what the form shows stays readable and nothing can be sent. The server refuses such posts
/// anyway (<see cref="WorkspaceAccessFilter"/>).</summary>
[HtmlTargetElement("form")]
public sealed class ViewerFormTagHelper : TagHelper
{
    private const string Allowed = "viewer-allowed";

    /// <summary>After the framework's form helper, so its antiforgery field can go too.</summary>
    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var allowed = output.Attributes.RemoveAll(Allowed);
        var posts = context.AllAttributes.TryGetAttribute("method", out var method)
            && string.Equals(method.Value?.ToString(), "post", StringComparison.OrdinalIgnoreCase);
        if (posts && !allowed && ViewContext.HttpContext.User.WorkspaceRole() == WorkspaceRole.Viewer)
        {
            output.TagName = "fieldset";
            output.Attributes.Clear();
            output.Attributes.Add("class", "read-only");
            output.Attributes.Add("disabled", "disabled");
            output.PostContent.Clear();
        }
    }
}

/// <summary>An element only owners and admins see (a link to an edit page, a button that opens a form):
/// <c>editor-only</c>.</summary>
[HtmlTargetElement(Attributes = Name)]
public sealed class EditorOnlyTagHelper : TagHelper
{
    private const string Name = "editor-only";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll(Name);
        if (ViewContext.HttpContext.User.WorkspaceRole() == WorkspaceRole.Viewer)
        {
            output.SuppressOutput();
        }
    }
}
