namespace Integrations.Crm.Schema;

public enum FieldKind
{
    Text,
    Email,
    Phone,
    Url,
    Domain,
    Money,
    Currency,
    Date,
    Boolean,
    Choice,
    Reference,

    /// <summary>A moment (ISO 8601 in and out, stored as timestamptz, UTC).</summary>
    DateTime,

    /// <summary>The people on an activity: a JSON array of <c>{role, email, phone, name, contact_id}</c> (jsonb).</summary>
    Participants,
}
