namespace Keel;

/// <summary>How file paths are written in the index: relative to the working directory with '/' separators when
/// inside it (so a checkout can move), absolute otherwise.</summary>
internal sealed class IndexPaths(string workingDirectory, string storePath)
{
    public string WorkingDirectory { get; } = Path.GetFullPath(workingDirectory);

    private string StoreDirectory { get; } = Path.GetDirectoryName(Path.GetFullPath(storePath, workingDirectory))!;

    public string ToStoredPath(string fullPath)
    {
        var relative = Path.GetRelativePath(WorkingDirectory, fullPath);
        if (relative == ".")
        {
            return "";
        }

        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative)
            ? fullPath.Replace('\\', '/')
            : relative.Replace('\\', '/');
    }

    public string ToFullPath(string storedPath) => Path.GetFullPath(storedPath, WorkingDirectory);

    public bool IsInsideStore(string fullPath) =>
        fullPath.StartsWith(StoreDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
