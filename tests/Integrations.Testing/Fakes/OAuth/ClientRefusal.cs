namespace Integrations.Testing.Fakes.OAuth;

/// <summary>Why the token endpoint did not authenticate the client.</summary>
internal enum ClientRefusal
{
    None,
    UnknownClient,
    MissingSecret,
    WrongSecret,
}
