using System.Text.Json.Nodes;

namespace Integrations.Platform.Events;

/// <summary>
/// Every event type there is, with the example payload our docs show: webhooks subscribe to these, and nothing else can
/// be appended to the <see cref="EventLog"/> (an <see cref="EventRecord"/> takes one of these, never a name).
/// </summary>
public static class EventCatalog
{
    private static readonly JsonObject RecordExample = new()
    {
        ["object"] = "deal",
        ["id"] = "deal_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f",
        ["record"] = new JsonObject { ["id"] = "deal_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["object"] = "deal", ["name"] = "Renewal", ["amount"] = 1200, ["currency"] = "USD", ["stage"] = "closed_won" },
    };

    public static readonly EventType RecordCreated = Record("record.created", "Records", "Any record was created.");
    public static readonly EventType RecordUpdated = Record("record.updated", "Records", "Any record was changed.");
    public static readonly EventType RecordDeleted = Record("record.deleted", "Records", "Any record was deleted.");
    public static readonly EventType ContactCreated = Record("contact.created", "Contacts", "A contact was created.");
    public static readonly EventType ContactUpdated = Record("contact.updated", "Contacts", "A contact was changed.");
    public static readonly EventType AccountCreated = Record("account.created", "Accounts", "An account was created.");
    public static readonly EventType AccountUpdated = Record("account.updated", "Accounts", "An account was changed.");
    public static readonly EventType DealCreated = Record("deal.created", "Deals", "A deal was created.");
    public static readonly EventType DealStageChanged = Record("deal.stage_changed", "Deals", "A deal moved to another stage (from_stage, to_stage).");
    public static readonly EventType ProductCreated = Record("product.created", "Products", "A product was created.");
    public static readonly EventType ProductUpdated = Record("product.updated", "Products", "A product was changed.");

    public static readonly EventType ImportCompleted =
        new("import.completed", "Imports", "An import finished (with or without row errors).", false, new JsonObject
        {
            ["import_id"] = "imp_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["object"] = "contact", ["rows"] = 10000, ["succeeded"] = 9990, ["failed"] = 10,
        });

    public static readonly EventType ImportFailed =
        new("import.failed", "Imports", "An import could not run.", false, new JsonObject
        {
            ["import_id"] = "imp_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["object"] = "contact", ["error"] = "The file is not valid UTF-8.",
        });

    public static readonly EventType ActivityCreated = Record("activity.created", "Activities", "An activity (an email, meeting, message, call or note) was recorded.");
    public static readonly EventType ActivityUpdated = Record("activity.updated", "Activities", "An activity was changed.");

    public static readonly EventType ConnectionNeedsReauth =
        new("app.connection.needs_reauth", "Apps", "A connected account's grant is gone (revoked, expired or its password changed): an admin must connect it again.", false, new JsonObject
        {
            ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "gmail", ["account"] = "ana@example.com", ["error"] = "invalid_grant",
        });

    public static readonly EventType ConnectionExpiring =
        new("app.connection.expiring", "Apps", "A connected account's token expires soon and cannot be renewed (LinkedIn's 60-day member tokens): an admin should connect it again before expires_at. Sent once per token.", false, new JsonObject
        {
            ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "linkedin", ["account"] = "782bbtaQ", ["account_name"] = "Ana Lima",
            ["expires_at"] = "2026-12-11T09:00:00Z", ["expires_in_days"] = 6,
        });

    public static readonly EventType PostPublished =
        new("post.published", "Posts", "A scheduled post was published: the provider's post id and its link.", false, new JsonObject
        {
            ["post_id"] = "pst_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "linkedin",
            ["publish_at"] = "2026-12-04T15:00:00Z", ["attempts"] = 1, ["provider_post_id"] = "urn:li:share:7400000000000000001",
            ["url"] = "https://www.linkedin.com/feed/update/urn:li:share:7400000000000000001", ["published_at"] = "2026-12-04T15:00:02Z",
        });

    public static readonly EventType PostFailed =
        new("post.failed", "Posts", "A scheduled post could not be published (the provider refused it, the account needs connecting again, or publishing was interrupted): the provider's message.", false, new JsonObject
        {
            ["post_id"] = "pst_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "linkedin",
            ["publish_at"] = "2026-12-04T15:00:00Z", ["attempts"] = 1,
            ["error"] = "LinkedIn refused the action: DUPLICATE_POST: Content is a duplicate of urn:li:share:7400000000000000001",
        });

    public static readonly EventType GmailEmailReceived = AppTrigger("gmail.email_received", "A new message arrived in a connected Gmail mailbox.", Email("gmail"));
    public static readonly EventType OutlookEmailReceived = AppTrigger("outlook.email_received", "A new message arrived in a connected Outlook inbox.", Email("outlook"));
    public static readonly EventType OutlookEventCreated = AppTrigger("outlook.event_created", "A new event appeared in a connected Outlook calendar.", Meeting("outlook"));
    public static readonly EventType GoogleCalendarEventCreated = AppTrigger("google-calendar.event_created", "A new event appeared in a connected Google Calendar.", Meeting("google-calendar"));

    public static readonly EventType SlackMessagePosted = AppTrigger("slack.message_posted", "A message was posted in a chosen channel of a connected Slack workspace.", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "slack", ["account"] = "T0123ABCD",
        ["channel"] = "C0123ABCD", ["user"] = "U0123ABCD", ["text"] = "Can someone call the customer back?", ["ts"] = "1764800000.000100",
    });

    public static readonly EventType SlackReactionAdded = AppTrigger("slack.reaction_added", "Someone reacted to a message in a connected Slack workspace.", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "slack", ["account"] = "T0123ABCD",
        ["channel"] = "C0123ABCD", ["user"] = "U0123ABCD", ["reaction"] = "white_check_mark", ["item_ts"] = "1764800000.000100",
    });

    public static readonly EventType WhatsAppMessageReceived = AppTrigger("whatsapp.message_received", "A customer sent a message to a connected WhatsApp number.", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "whatsapp", ["account"] = "+1 555-010-0100",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["from"] = "+16505551234", ["name"] = "Sheena Nelson", ["message_id"] = "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQTdCNUE0RjNCQjE5MzZGMUM5NAA=",
        ["type"] = "text", ["text"] = "Does it come in another color?",
    });

    public static readonly EventType WhatsAppMessageStatusChanged = AppTrigger("whatsapp.message_status_changed", "A WhatsApp message sent from Sentinel was sent, delivered, read or failed.", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "whatsapp", ["account"] = "+1 555-010-0100",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["message_id"] = "wamid.HBgLMTY1MDU1NTEyMzQVAgARGBI0QTdCNUE0RjNCQjE5MzZGMUMA",
        ["recipient"] = "+16505551234", ["status"] = "failed", ["error"] = "131026: Message undeliverable",
    });

    public static readonly EventType ZoomMeetingEnded = AppTrigger("zoom.meeting_ended", "A meeting hosted by a connected Zoom user ended.", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "zoom", ["account"] = "ana@example.com",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e80", ["meeting_id"] = "85746065432", ["meeting_uuid"] = "4444AAAiAAAAAiAiAiiAii==",
        ["topic"] = "Renewal call", ["started_at"] = "2026-12-04T15:00:00Z", ["ended_at"] = "2026-12-04T15:42:00Z", ["duration_minutes"] = 42,
    });

    public static readonly EventType ZoomParticipantJoined = AppTrigger("zoom.participant_joined", "Someone joined a meeting hosted by a connected Zoom user.", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "zoom", ["account"] = "ana@example.com",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e80", ["meeting_id"] = "85746065432", ["meeting_uuid"] = "4444AAAiAAAAAiAiAiiAii==",
        ["topic"] = "Renewal call", ["name"] = "Bo Chen", ["email"] = "bo@customer.example", ["contact_id"] = "con_0193a4c0b7e07c3e9d1f2a3b4c5d6e81",
        ["joined_at"] = "2026-12-04T15:01:00Z",
    });

    public static readonly EventType CalendlyInviteeCreated = AppTrigger("calendly.invitee_created", "Someone booked a meeting through a connected Calendly organization.", Invitee("active"));
    public static readonly EventType CalendlyInviteeCanceled = AppTrigger("calendly.invitee_canceled", "An invitee's Calendly meeting was canceled (or rescheduled).", Invitee("canceled"));

    public static readonly EventType NotionPageChanged = AppTrigger("notion.page_changed", "A page in a connected Notion workspace was created or changed (read again from Notion; a record when it is in the synced database).", new JsonObject
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "notion", ["account"] = "13e9b1c2-5f0a-4a7b-9c3d-2e1f0a9b8c7d",
        ["notion_event"] = "page.properties_updated", ["page_id"] = "59833787-2cf9-4fdf-8782-e53db20768a5",
        ["url"] = "https://www.notion.so/Acme-598337872cf94fdf8782e53db20768a5", ["database_id"] = "d9824bdc-8445-4327-be8b-5b47500af6ce",
        ["last_edited_time"] = "2026-12-04T15:42:00.000Z", ["record_id"] = "con_0193a4c0b7e07c3e9d1f2a3b4c5d6e81", ["record_change"] = "updated",
    });

    public static readonly EventType InboundRequestProcessed =
        new("inbound.request_processed", "Inbound", "An inbound source's request was processed: the records it wrote, and its payload when small (8 KB or less).", false, new JsonObject
        {
            ["source_id"] = "src_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["request_id"] = "req_0193a4c0b7e07c3e9d1f2a3b4c5d6e80", ["status"] = "processed",
            ["records"] = new JsonArray(
                new JsonObject { ["object"] = "account", ["id"] = "acc_0193a4c0b7e07c3e9d1f2a3b4c5d6e82", ["change"] = "updated" },
                new JsonObject { ["object"] = "contact", ["id"] = "con_0193a4c0b7e07c3e9d1f2a3b4c5d6e81", ["change"] = "created" }),
            ["payload"] = new JsonObject { ["id"] = 820982911946154508, ["email"] = "jon@example.com", ["first_name"] = "Jon", ["total_price"] = "199.00" },
        });

    public static readonly EventType WorkflowRunFailed =
        new("workflow.run.failed", "Automation", "A workflow run failed: a step failed after its retries (or could not be retried). Retry it from the failed step in the run history.", false, new JsonObject
        {
            ["run_id"] = "wfr_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["workflow_id"] = "wfl_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["workflow_name"] = "Welcome VIPs",
            ["version"] = 3, ["trigger_type"] = "record.created", ["record_id"] = "con_0193a4c0b7e07c3e9d1f2a3b4c5d6e81", ["step_id"] = "notify",
            ["error"] = "The receiver answered 503 Service Unavailable.",
        });

    public static readonly EventType WorkflowRunStopped =
        new("workflow.run.stopped", "Automation", "A workflow run was stopped by a guard before it ran: a loop of runs starting runs, or the workflow's rate limit.", false, new JsonObject
        {
            ["run_id"] = "wfr_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["workflow_id"] = "wfl_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["workflow_name"] = "Tag edits",
            ["version"] = 1, ["trigger_type"] = "record.updated", ["record_id"] = "con_0193a4c0b7e07c3e9d1f2a3b4c5d6e81", ["step_id"] = null,
            ["error"] = "Loop stopped: this run was started by a chain of 5 workflow runs, and chains stop at 5.",
        });

    public static readonly IReadOnlyList<EventType> All =
    [
        RecordCreated,
        RecordUpdated,
        RecordDeleted,
        ContactCreated,
        ContactUpdated,
        AccountCreated,
        AccountUpdated,
        DealCreated,
        DealStageChanged,
        ProductCreated,
        ProductUpdated,
        ImportCompleted,
        ImportFailed,
        ActivityCreated,
        ActivityUpdated,
        ConnectionNeedsReauth,
        ConnectionExpiring,
        PostPublished,
        PostFailed,
        GmailEmailReceived,
        OutlookEmailReceived,
        OutlookEventCreated,
        GoogleCalendarEventCreated,
        SlackMessagePosted,
        SlackReactionAdded,
        WhatsAppMessageReceived,
        WhatsAppMessageStatusChanged,
        ZoomMeetingEnded,
        ZoomParticipantJoined,
        CalendlyInviteeCreated,
        CalendlyInviteeCanceled,
        NotionPageChanged,
        InboundRequestProcessed,
        WorkflowRunFailed,
        WorkflowRunStopped,
        new("invoice.paid", "Billing", "An invoice was paid.", true, new JsonObject
        {
            ["invoice_id"] = "inv_1042", ["customer_id"] = "cus_77", ["amount"] = 4200.00, ["currency"] = "USD", ["paid_at"] = "2026-05-15T10:05:00Z",
        }),
        new("ticket.assigned", "Support", "A support ticket was assigned.", true, new JsonObject
        {
            ["ticket_id"] = "tkt_311", ["assignee_id"] = "usr_12", ["priority"] = "high", ["subject"] = "Cannot export report",
        }),
        new("document.completed", "Documents", "A document finished processing.", true, new JsonObject
        {
            ["document_id"] = "doc_9f1c", ["tenant_id"] = "ten_42", ["user_id"] = "usr_7", ["document_type"] = "portfolio_statement", ["pages"] = 12,
            ["extractions"] = new JsonObject { ["holdings_count"] = 37, ["total_aum"] = 1250000.50, ["currency"] = "USD" },
            ["confidence"] = new JsonObject { ["average"] = 0.97, ["minimum"] = 0.81 },
            ["processing_time_ms"] = 8450,
        }),
        new("document.failed", "Documents", "A document could not be processed.", true, new JsonObject
        {
            ["document_id"] = "doc_9f1d", ["error_code"] = "ocr_timeout", ["error_message"] = "OCR did not finish within 120 s.", ["stage"] = "ocr", ["retryable"] = true,
        }),
        new("chat.session.closed", "Chat", "A chat session was closed.", true, new JsonObject
        {
            ["session_id"] = "chs_5521", ["user_id"] = "usr_7", ["message_count"] = 18,
            ["token_usage"] = new JsonObject { ["input"] = 5120, ["output"] = 2210 },
            ["summary"] = "Client asked about Q2 performance; follow-up call booked.",
        }),
        new("report.generated", "Reports", "A report was generated.", true, new JsonObject
        {
            ["report_id"] = "rpt_880", ["report_type"] = "quarterly_review", ["client_id"] = "cli_31", ["url"] = "https://reports.example.com/rpt_880.pdf",
            ["format"] = "pdf", ["generated_by"] = "usr_7",
        }),
    ];

    private static readonly Dictionary<string, EventType> ByName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>
    /// A record change is stored once, with its most specific type; these are the <c>record.*</c> types each is also a
    /// kind of, for the subscriptions, triggers and filters that ask for the generic one.
    /// </summary>
    private static readonly Dictionary<string, string> GenericByName = new(StringComparer.Ordinal)
    {
        [ContactCreated.Name] = RecordCreated.Name,
        [AccountCreated.Name] = RecordCreated.Name,
        [DealCreated.Name] = RecordCreated.Name,
        [ProductCreated.Name] = RecordCreated.Name,
        [ActivityCreated.Name] = RecordCreated.Name,
        [ContactUpdated.Name] = RecordUpdated.Name,
        [AccountUpdated.Name] = RecordUpdated.Name,
        [DealStageChanged.Name] = RecordUpdated.Name,
        [ProductUpdated.Name] = RecordUpdated.Name,
        [ActivityUpdated.Name] = RecordUpdated.Name,
    };

    public static EventType? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>The <c>record.*</c> type an event of type <paramref name="name"/> also matches (<c>contact.created</c>:
    /// <c>record.created</c>; <c>deal.stage_changed</c>: <c>record.updated</c>), or null.</summary>
    public static string? GenericOf(string name) => GenericByName.GetValueOrDefault(name);

    /// <summary>The stored types that a subscription or filter naming <paramref name="name"/> matches: itself, and for a
    /// <c>record.*</c> type every per-object type that is a kind of it.</summary>
    public static IReadOnlyList<string> Matching(string name) =>
        [name, .. GenericByName.Where(pair => pair.Value == name).Select(pair => pair.Key)];

    private static EventType Record(string name, string group, string description) =>
        new(name, group, description, false, (JsonObject)RecordExample.DeepClone());

    /// <summary>A trigger event of a connected app: <c>{app id}.{trigger id}</c>, as the app catalogue names them.</summary>
    private static EventType AppTrigger(string name, string description, JsonObject example) => new(name, "Apps", description, false, example);

    private static JsonObject Email(string app) => new()
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = app, ["account"] = "ana@example.com",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["from"] = "bo@customer.example", ["subject"] = "Re: renewal", ["thread_id"] = "18c2f0a1b2c3d4e5",
    };

    private static JsonObject Invitee(string status) => new()
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = "calendly", ["account"] = "https://api.calendly.com/users/AAAAAAAAAAAAAAAA",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f",
        ["invitee_uri"] = "https://api.calendly.com/scheduled_events/GBGBDCAADAEDCRZ2/invitees/AAAAAAAAAAAAAAAA",
        ["email"] = "bo@customer.example", ["name"] = "Bo Chen", ["status"] = status, ["event_name"] = "30 Minute Meeting",
        ["starts_at"] = "2026-12-04T15:00:00Z", ["ends_at"] = "2026-12-04T15:30:00Z", ["join_url"] = "https://calendly.zoom.us/j/123456789",
        ["cancel_reason"] = status == "canceled" ? "Something came up" : null,
    };

    private static JsonObject Meeting(string app) => new()
    {
        ["connection_id"] = "cxn_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["app"] = app, ["account"] = "ana@example.com",
        ["activity_id"] = "act_0193a4c0b7e07c3e9d1f2a3b4c5d6e7f", ["subject"] = "Renewal call", ["starts_at"] = "2026-12-04T15:00:00Z",
        ["attendees"] = new JsonArray("bo@customer.example"),
    };
}
