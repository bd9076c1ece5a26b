using Integrations.Inbound.Connectors;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class SecretNamesTests
{
    [Fact]
    public void IsSecret_ReadsTheWholeName_HoweverLong() =>
        Assert.True(SecretNames.IsSecret(new string('a', 300) + "_token"));

    [Theory]
    [InlineData("api_key", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("clientSecret", true)]
    [InlineData("refresh_token", true)]
    [InlineData("PASSWORD", true)]
    [InlineData("sig", true)]
    [InlineData("key", true)]
    [InlineData("aws_secret_key", true)]
    [InlineData("SigningKey", true)]
    [InlineData("api_keys", true)]
    [InlineData("jwt", true)]
    [InlineData("pass", true)]
    [InlineData("idempotency_key", false)]
    [InlineData("sort_key", false)]
    [InlineData("keys", false)]
    [InlineData("status", false)]
    [InlineData("page", false)]
    [InlineData("token_type", false)]
    public void IsSecret_KnowsCredentialNames_WhateverTheirCaseOrSeparators(string name, bool secret) =>
        Assert.Equal(secret, SecretNames.IsSecret(name));
}
