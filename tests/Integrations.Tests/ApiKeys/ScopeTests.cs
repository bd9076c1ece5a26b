using System.Security.Claims;
using Integrations.ApiKeys.Keys;
using Integrations.ApiKeys.Scopes;
using Integrations.Platform.Api;
using Integrations.Platform.Callers;

namespace Integrations.Tests.ApiKeys;

public sealed class ScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Catalog_ListsTheFifteenScopes_EachDescribed()
    {
        Assert.Equal(
            ["crm:read", "crm:write", "crm:delete", "commerce:read", "commerce:write", "commerce:delete", "bulk:write",
             "webhooks:read", "webhooks:write", "imports:read", "imports:write", "events:publish", "audit:read",
             "keys:manage", "admin"],
            ApiKeyScope.All.Select(s => s.Name));
        Assert.All(ApiKeyScope.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description)));
    }

    [Fact]
    public void Presets_UseOnlyKnownScopes_AndReadPresetCannotWrite()
    {
        Assert.Equal(["Read", "Read/Write", "Read/Write/Delete", "Bulk", "Admin"], ScopePreset.All.Select(p => p.Name));
        Assert.All(ScopePreset.All.SelectMany(p => p.Scopes), s => Assert.True(ApiKeyScope.IsKnown(s), s));
        Assert.All(ScopePreset.All[0].Scopes, s => Assert.EndsWith(":read", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Allows_OnlyRead_WhenKeyHoldsCrmRead()
    {
        var principal = Holding("crm:read");

        Assert.True(principal.Allows("crm:read"));
        Assert.DoesNotContain(ApiKeyScope.All.Select(s => s.Name).Where(s => s != "crm:read"), principal.Allows);
    }

    [Fact]
    public void Allows_Everything_WhenKeyHoldsAdmin() =>
        Assert.All(ApiKeyScope.All, s => Assert.True(Holding("admin").Allows(s.Name)));

    [Fact]
    public void Validate_NamesEveryBadField_WhenRequestIsBad()
    {
        var errors = ApiKeyRules.Validate(new NewApiKey(" ", ["crm:read", "crm:all"], Now.AddMinutes(-1)), Now);

        Assert.Equal(["expires_at", "name", "scopes"], errors.Keys.Order());
        Assert.Contains("crm:all", errors["scopes"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Accepts_WhenNameScopesAndFutureExpiryAreGiven() =>
        Assert.Empty(ApiKeyRules.Validate(new NewApiKey("Zapier", ["crm:read", "admin"], Now.AddDays(1)), Now));

    [Fact]
    public void Validate_RefusesLongName_WhenOverTheLimit() =>
        Assert.Contains("name", ApiKeyRules.Validate(new NewApiKey(new string('x', 101), ["crm:read"], null), Now).Keys);

    private static ClaimsPrincipal Holding(params string[] scopes) =>
        new(new ClaimsIdentity(scopes.Select(s => new Claim(CallerClaims.Scope, s)), "test"));
}
