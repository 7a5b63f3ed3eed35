using System.Text.Json;

namespace FundLedger.Tests.Architecture;

/// <summary>
/// Runtime settings the service's project file chooses, read from the runtimeconfig.json its build writes beside this
/// assembly: an MSBuild property with a misspelt name is silently ignored (ServerGarbageCollector did nothing for weeks).
/// </summary>
public sealed class BuildSettingsTests
{
    private static JsonElement ConfigProperties()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "FundLedger.Api.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        return config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }

    [Fact]
    public void The_service_runs_the_workstation_collector_its_project_file_chooses() =>
        Assert.False(ConfigProperties().GetProperty("System.GC.Server").GetBoolean());

    [Fact]
    public void The_service_runs_with_invariant_globalization() =>
        Assert.True(ConfigProperties().GetProperty("System.Globalization.Invariant").GetBoolean());
}
