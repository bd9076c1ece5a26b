using Integrations.ApiKeys;
using Integrations.Apps;
using Integrations.Automation;
using Integrations.Crm;
using Integrations.Imports;
using Integrations.Inbound;
using Integrations.Platform;
using Integrations.Web.Hosting;
using Integrations.Webhooks;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.Host.UseSentinelSerilog();
var connectionString = builder.Configuration.GetConnectionString("Sentinel")
    ?? throw new InvalidOperationException(
        "ConnectionStrings:Sentinel is not set. Start the app with ./run.sh, which starts a local PostgreSQL for it.");

// Database start-up (migrations, first workspace, first admin) runs before every other hosted service.
builder.Services.AddHostedService<DatabaseStartup>();
builder.Services.AddHostedService<PartitionSchedule>();
builder.Services
    .AddPlatform(builder.Configuration, connectionString)
    .AddCrm()
    .AddApiKeys(builder.Configuration)
    .AddWebhooks(builder.Configuration)
    .AddImports(builder.Configuration)
    .AddInbound(builder.Configuration)
    .AddApps(builder.Configuration)
    .AddAutomation(builder.Configuration)
    .AddAdminSignIn()
    .AddSecretsProtection(builder.Configuration, builder.Environment)
    .AddSentinelApi()
    .AddSentinelHangfire(builder.Configuration, connectionString);
builder.Services.AddProxyHeaders(builder.Configuration);
builder.Services.AddRazorPages(options =>
{
    options.Conventions.AuthorizeFolder("/");
    options.Conventions.AllowAnonymousToPage("/Account/Login");
    options.Conventions.AllowAnonymousToPage("/Account/LoginWith2fa");
    options.Conventions.AllowAnonymousToPage("/Invitations/Accept");
}).AddMvcOptions(options => options.Filters.Add<Integrations.Web.Hosting.Team.WorkspaceAccessFilter>());
builder.Services.AddHealthChecks().AddDbContextCheck<Integrations.Platform.Data.IntegrationsDbContext>(tags: ["ready"]);

var app = builder.Build();

if (args.Contains("migrate"))
{
    await DatabaseStartup.MigrateAsync(app.Services, CancellationToken.None);
    return;
}

app.UseProxyHeaders();
app.UseExceptionHandler();
if (!app.Environment.IsDevelopment())
{
    // Browsers that saw the admin UI over https keep to https (for a year, as ASP.NET Core's default).
    app.UseHsts();
}

app.UseStatusCodePages();
app.UseSerilogRequestLogging();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseCaller();
app.UseApiRateLimit();
app.UseAuthorization();
app.UseAntiforgery();

app.MapSentinelHealth();
app.MapSentinelApi();
app.MapSentinelHangfire();
app.MapRazorPages();

await app.RunAsync();

/// <summary>The web host's entry point; public so tests can start the real app.</summary>
public partial class Program;
