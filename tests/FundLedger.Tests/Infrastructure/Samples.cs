using System.Net;

namespace FundLedger.Tests.Infrastructure;

/// <summary>Loads contracts/samples/fengtai through the public API into a district, exactly as deploy/local/load-samples.sh does.</summary>
public static class Samples
{
    public static async Task LoadFengtaiAsync(Api api)
    {
        var folder = Path.Combine(RepositoryRoot(), "contracts", "samples", "fengtai");
        foreach (var file in Directory.GetFiles(folder, "*.requests").Order(StringComparer.Ordinal))
            foreach (var line in await File.ReadAllLinesAsync(file))
            {
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var parts = line.Split(' ', 3);
                var answer = await api.Send(new HttpMethod(parts[0]), $"/api/v1/districts/{api.District}{parts[1]}",
                    parts.Length > 2 ? parts[2] : null);
                Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.Created,
                    $"{line[..Math.Min(line.Length, 120)]} → {answer.Status} {answer.Raw}");
            }
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FundLedger.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("FundLedger.sln not found above the test binaries");
    }
}
