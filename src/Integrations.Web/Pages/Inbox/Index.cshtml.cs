using Integrations.Crm.Activities;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;
using Integrations.Web.Pages.Records;
using Integrations.Web.Pages.Shared.Activities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Integrations.Web.Pages.Inbox;

/// <summary>The unified inbox: email and message activities of every connected mailbox and workspace, newest first.</summary>
public sealed class InboxModel(ActivityTimeline timeline, RecordReader reader) : PageModel
{
    public const int PageSize = 30;

    /// <summary>The channels the filter offers; one found in the address but not here is offered too.</summary>
    public static readonly IReadOnlyList<string> KnownChannels = ["gmail", "outlook", "slack", "whatsapp", "manual"];

    [BindProperty(SupportsGet = true)]
    public string? Channel { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Connection { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Direction { get; set; }

    /// <summary>A contact's id (<c>con_…</c>) or email.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Contact { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    /// <summary>Why a filter was not applied, or null.</summary>
    public string? Problem { get; private set; }

    public ActivityList List { get; private set; } = new([], null, null, "");

    public bool Filtered => Channel is not null || Connection is not null || Direction is not null || Contact is not null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Channel = Blank(Channel);
        Connection = Blank(Connection);
        Direction = Blank(Direction) is { } direction && ActivityKinds.Directions.Any(d => d.Value == direction) ? direction : null;
        Contact = Blank(Contact);
        Guid? contactId = null;
        if (Contact is not null)
        {
            contactId = await ContactAsync(Contact, ct);
            if (contactId is null)
            {
                Problem = $"No contact has the id or email “{Contact}”.";
                return Page();
            }
        }

        Guid? before = PublicId.TryParse(IdPrefixes.Activity, Before, out var cursor) ? cursor : null;
        var page = await timeline.InboxAsync(new InboxFilter(Channel, Connection, Direction, contactId), before, PageSize, ct);
        List = new ActivityList(page.Data,
            page.NextCursor is { } next ? PageUrl(next) : null,
            before is null ? null : PageUrl(null),
            before is not null ? "No older messages."
                : Filtered ? "No emails or messages match these filters."
                : "No emails or messages yet. Connect Gmail or Outlook (or Slack) and their conversations appear here, newest first:")
        {
            EmptyLink = before is null && !Filtered ? ("/integrations/apps", "connect an app on the Apps page.") : null,
        };
        return Page();
    }

    private async Task<Guid?> ContactAsync(string given, CancellationToken ct)
    {
        if (PublicId.TryParse(IdPrefixes.Contact, given, out var id))
        {
            return id;
        }

        var byEmail = await reader.ListAsync(RecordTypes.Contact,
            new RecordListQuery(1, Filters: new Dictionary<string, object?> { ["email"] = given.Trim().ToLowerInvariant() }), ct);
        return byEmail.Data is [var contact] && PublicId.TryParse(IdPrefixes.Contact, RecordForm.Text(contact["id"]), out var found)
            ? found
            : null;
    }

    /// <summary>This page with the current filters and <paramref name="before"/> as the cursor.</summary>
    private string PageUrl(string? before)
    {
        var query = new Dictionary<string, string?>
        {
            ["channel"] = Channel, ["connection"] = Connection, ["direction"] = Direction, ["contact"] = Contact, ["before"] = before,
        };
        return QueryHelpers.AddQueryString("/inbox", query.Where(p => p.Value is not null));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
