using System.Security.Claims;
using Integrations.ApiKeys;
using Integrations.ApiKeys.Keys;
using Integrations.Crm;
using Integrations.Imports;
using Integrations.Inbound;
using Integrations.Platform.Api;
using Integrations.Platform.Callers;
using Integrations.Webhooks;

namespace Integrations.Tests.ApiKeys;

public sealed class ScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The catalogue as the app builds it from each module's scopes (<c>ScopeCatalogTests</c> checks the app's own).</summary>
    private static readonly ScopeCatalog Catalog =
        new([.. CrmScopes.All, .. WebhookScopes.All, .. ImportScopes.All, .. InboundScopes.All]);

    [Fact]
    public void Catalog_DescribesEveryScope() =>
        Assert.All(Catalog.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Description), s.Name));

    [Fact]
    public void Allows_OnlyRead_WhenKeyHoldsCrmRead()
    {
        var principal = Holding("crm:read");

        Assert.True(principal.Allows("crm:read"));
        Assert.DoesNotContain(Catalog.All.Select(s => s.Name).Where(s => s != "crm:read"), principal.Allows);
    }

    [Fact]
    public void Allows_Everything_WhenKeyHoldsAdmin() =>
        Assert.All(Catalog.All, s => Assert.True(Holding("admin").Allows(s.Name)));

    [Fact]
    public void Validate_NamesEveryBadField_WhenRequestIsBad()
    {
        var errors = ApiKeyRules.Validate(new NewApiKey(" ", ["crm:read", "crm:all"], Now.AddMinutes(-1)), Catalog, Now);

        Assert.Equal(["expires_at", "name", "scopes"], errors.Keys.Order());
        Assert.Contains("crm:all", errors["scopes"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Accepts_WhenNameScopesAndFutureExpiryAreGiven() =>
        Assert.Empty(ApiKeyRules.Validate(new NewApiKey("Zapier", ["crm:read", "admin"], Now.AddDays(1)), Catalog, Now));

    [Fact]
    public void Validate_RefusesLongName_WhenOverTheLimit() =>
        Assert.Contains("name", ApiKeyRules.Validate(new NewApiKey(new string('x', 101), ["crm:read"], null), Catalog, Now).Keys);

    private static ClaimsPrincipal Holding(params string[] scopes) =>
        new(new ClaimsIdentity(scopes.Select(s => new Claim(CallerClaims.Scope, s)), "test"));
}
