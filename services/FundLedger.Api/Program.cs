using FundLedger.Audit;
using FundLedger.Dashboard;
using FundLedger.Health;
using FundLedger.Hosting;
using FundLedger.Security;
using FundLedger.Telemetry;
using JasperFx;
using Wolverine;
using Wolverine.Http;

if (args is ["token", ..])
    return TokenCommand.Run(args, new ConfigurationBuilder().AddEnvironmentVariables().Build());

// The service's own settings (appsettings.json beside the binary) wherever it is started from: run.sh starts it from
// the repository root, where a content root of "." found no settings and every request logged four Information lines.
// `codegen write` keeps the working directory (the project, under dotnet run): Wolverine writes the generated code
// under the content root, and the image build compiles it from the project's Internal/Generated.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args, ContentRootPath = args is ["codegen", ..] ? null : AppContext.BaseDirectory,
});

// A command prints its report on stdout: keep the host's logs out of it.
if (args is ["verify", ..] or ["migrate", ..] or ["rebuild", ..]) builder.Logging.ClearProviders();

builder.AddLedgerTelemetry();
builder.Services.AddLedgerStore();
builder.Services.AddLedgerHealth();
builder.Services.AddHostedService<ChainSealer>();
// Integration events to the broker (FundLedger:Integration:RabbitMq; off when unset).
builder.Services.AddHostedService<FundLedger.Integration.EventRelay>();
builder.Services.AddSingleton<FundLedger.Reporting.LineCache>();
builder.Services.AddSingleton<FundLedger.Reporting.ClassificationCache>();
builder.Services.AddSingleton<FundLedger.Reporting.ILedgerLines>(sp => sp.GetRequiredService<FundLedger.Reporting.LineCache>());
builder.Services.AddLedgerHttp();
builder.Services.AddLedgerAuth(builder.Configuration);
builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(Program).Assembly;
    // The container image sets Static and ships the code `codegen write` generated when the image was built.
    opts.CodeGeneration.TypeLoadMode =
        builder.Configuration.GetValue("FundLedger:CodeGeneration", JasperFx.CodeGeneration.TypeLoadMode.Dynamic);
});

var app = builder.Build();
app.UseLedgerHttp();
app.UseDashboard();
app.UseLedgerAuth();
app.UseMiddleware<ReadRetry>();
app.MapLedgerHealth();
app.MapDashboard();
// Request bodies are read by FundLedger (Http/JsonBody), so a body that does not read names its field.
app.MapWolverineEndpoints(opts => opts.AddParameterHandlingStrategy<JsonBodyBinding>());

// `verify --district 110106`: the same check as GET /audit/verify, from the command line; exit 1 when anything differs.
if (args is ["verify", ..])
    return await AuditCommand.VerifyAsync(app, args);

if (args is ["rebuild", ..])
    return await RebuildCommand.RunAsync(app);

if (args is ["migrate", ..])
    return await MigrateCommand.RunAsync(app, args);

// A verb (e.g. `codegen write`) goes to JasperFx's command line; plain host switches just run the service.
if (args.Length > 0 && !args[0].StartsWith('-')) return await app.RunJasperFxCommands(args);
await app.RunAsync();
return 0;

public partial class Program;
