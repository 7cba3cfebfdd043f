namespace Keel.Bench;

/// <summary>Finds the shared public datasets (SciFact, Cranfield): they sit beside the repository, never in it.</summary>
internal static class BenchData
{
    public static string Locate(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return Path.GetFullPath(explicitPath);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Cannot find shared/datasets beside the repository; pass --data DIR.");
    }
}
