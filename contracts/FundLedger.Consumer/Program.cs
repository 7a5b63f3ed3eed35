using FundLedger.Consumer;

// An example subscriber: FUNDLEDGER_AMQP (the broker), FUNDLEDGER_QUEUE (its own durable queue), FUNDLEDGER_BINDINGS (routing
// keys, comma-separated: "110106.#", "*.disbursement.#"), FUNDLEDGER_CONSUMER_LOG (its log of applied events). Prints each
// appropriation's figures when stopped (Ctrl+C); they equal GET …/appropriations/{code} once it has caught up.
var broker = new Uri(Environment.GetEnvironmentVariable("FUNDLEDGER_AMQP") ?? "amqp://localhost:5672");
var queue = Environment.GetEnvironmentVariable("FUNDLEDGER_QUEUE") ?? "fundledger-consumer";
var bindings = (Environment.GetEnvironmentVariable("FUNDLEDGER_BINDINGS") ?? "#").Split(',', StringSplitOptions.RemoveEmptyEntries);
var log = Environment.GetEnvironmentVariable("FUNDLEDGER_CONSUMER_LOG") ?? "consumer.log";

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
await using var consumer = new IntegrationConsumer(broker, queue, bindings, log);
consumer.Received += (e, isNew) => Console.WriteLine($"{e.Source} {e.Id} {e.Type} {e.Subject}{(isNew ? "" : " (duplicate)")}");
await consumer.StartAsync(stop.Token);
try { await Task.Delay(Timeout.Infinite, stop.Token); }
catch (OperationCanceledException) { }
foreach (var (line, f) in consumer.Figures.Lines.OrderBy(l => l.Key, StringComparer.Ordinal))
    Console.WriteLine($"{line}: adjusted {f.Adjusted:0.00} executed {f.Executed:0.00} carried {f.Carried:0.00} lapsed {f.Lapsed:0.00}");
Console.WriteLine($"{consumer.Figures.Applied} applied, {consumer.Figures.Duplicates} duplicates");
