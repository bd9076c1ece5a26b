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
}
