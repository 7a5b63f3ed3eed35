using FundLedger.Audit;
using FundLedger.Hosting;
using FundLedger.Security;
using JasperFx;
using Wolverine;
using Wolverine.Http;

if (args is ["token", ..])
    return TokenCommand.Run(args, new ConfigurationBuilder().AddEnvironmentVariables().Build());

var builder = WebApplication.CreateBuilder(args);

// A command prints its report on stdout: keep the host's logs out of it.
if (args is ["verify", ..]) builder.Logging.ClearProviders();

builder.Services.AddLedgerStore();
builder.Services.AddLedgerHttp();
builder.Services.AddLedgerAuth(builder.Configuration);
builder.Host.UseWolverine(opts =>
{
    opts.ApplicationAssembly = typeof(Program).Assembly;
});

var app = builder.Build();
app.UseLedgerHttp();
app.UseLedgerAuth();
app.MapWolverineEndpoints();

// `verify --district 110106`: the same check as GET /audit/verify, from the command line; exit 1 when anything differs.
if (args is ["verify", ..])
    return await AuditCommand.VerifyAsync(app, args);

// A verb (e.g. `codegen write`) goes to JasperFx's command line; plain host switches just run the service.
if (args.Length > 0 && !args[0].StartsWith('-')) return await app.RunJasperFxCommands(args);
await app.RunAsync();
return 0;

public partial class Program;
