using PublicApiGenerator;

namespace Keel.Tests;

/// <summary>Guards the public surface: any change shows up as a diff against PublicApi.approved.txt.</summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesApprovedFile() => AssertApproved(typeof(DocumentIndex).Assembly, "PublicApi");

    [Fact]
    public void PublicApi_Simulator_MatchesApprovedFile() => AssertApproved(typeof(Keel.Simulator.SimulatorServer).Assembly, "PublicApi.Simulator");

    private static void AssertApproved(System.Reflection.Assembly assembly, string name)
    {
        var actual = assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] })
            .ReplaceLineEndings("\n");
        var approvedPath = Path.Combine(SourceDirectory(), $"{name}.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";

        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), $"{name}.received.txt"), actual);
        }

        Assert.True(approved == actual, $"The public API changed. Review tests/Keel.Tests/{name}.received.txt and, if intended, copy it over {approvedPath}.");
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
