namespace Integrations.Apps.Actions;

/// <summary>An input passed its field's check but the action cannot use it (a contact id naming no contact): a 400
/// naming <see cref="Field"/> (<c>input.contact_id</c>), as if <see cref="ActionInputs"/> had refused it.</summary>
internal sealed class ActionInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
