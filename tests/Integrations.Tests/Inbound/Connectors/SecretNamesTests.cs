using Integrations.Inbound.Connectors;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class SecretNamesTests
{
    [Theory]
    [InlineData("api_key", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("clientSecret", true)]
    [InlineData("refresh_token", true)]
    [InlineData("PASSWORD", true)]
    [InlineData("sig", true)]
    [InlineData("key", true)]
    [InlineData("keys", false)]
    [InlineData("status", false)]
    [InlineData("page", false)]
    [InlineData("token_type", false)]
    public void IsSecret_KnowsCredentialNames_WhateverTheirCaseOrSeparators(string name, bool secret) =>
        Assert.Equal(secret, SecretNames.IsSecret(name));
}
