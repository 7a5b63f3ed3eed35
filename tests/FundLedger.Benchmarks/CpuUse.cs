using System.Globalization;

namespace FundLedger.Benchmarks;

/// <summary>
/// CPU seconds spent during a phase, from Linux's /proc: by the service, by the broker (RabbitMQ's <c>beam.smp</c>), by
/// this process (the consumer example runs in it), and by the rest of the machine (PostgreSQL and wrk, mostly). On a
/// 2-core machine everything shares the same cores, so this says where a lower rate went.
/// </summary>
public sealed record CpuUse(double Service, double Broker, double Bench, double Rest)
{
    // USER_HZ: /proc counts CPU time in ticks of 1/100 s on Linux.
    private const double Ticks = 100.0;

    public sealed record Sample(double Service, double Broker, double Bench, double Machine);

    public static Sample Take(int servicePid) =>
        new(ProcessSeconds(servicePid), Named("beam.smp").Sum(ProcessSeconds), ProcessSeconds(Environment.ProcessId),
            MachineBusySeconds());

    public static CpuUse Between(Sample before, Sample after)
    {
        var (service, broker, bench) = (after.Service - before.Service, after.Broker - before.Broker, after.Bench - before.Bench);
        return new(service, broker, bench, Math.Max(0, after.Machine - before.Machine - service - broker - bench));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Service:0.0} / {Broker:0.0} / {Bench:0.0} / {Rest:0.0}");

    private static double ProcessSeconds(int pid)
    {
        try
        {
            // The fields after the command name, which may itself hold spaces: utime and stime are the 14th and 15th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / Ticks;
        }
        catch (IOException) { return 0; }
    }

    private static IEnumerable<int> Named(string command) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && Command(pid) == command);

    private static string? Command(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static double MachineBusySeconds()
    {
        // The first line of /proc/stat: user nice system idle iowait irq softirq steal …; busy is all but idle and iowait.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields.Take(8).Sum() - fields[3] - fields[4]) / Ticks;
    }
}
