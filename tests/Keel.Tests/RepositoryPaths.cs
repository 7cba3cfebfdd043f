namespace Keel.Tests;

/// <summary>Finds files committed in the repository (samples, docs) from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Keel.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Keel.slnx not found above " + AppContext.BaseDirectory);
    }
}
