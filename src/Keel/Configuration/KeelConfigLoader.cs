using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel;

/// <summary>Finds and reads <c>keel.yaml</c>.</summary>
internal static class KeelConfigLoader
{
    public const string FileName = "keel.yaml";

    /// <summary>Reads <paramref name="explicitPath"/> when given (it must exist), otherwise <c>keel.yaml</c>
    /// in <paramref name="workingDirectory"/> when present, otherwise the defaults.</summary>
    public static KeelConfig Load(string? explicitPath, string workingDirectory)
    {
        string path;
        if (explicitPath is not null)
        {
            path = Path.GetFullPath(explicitPath, workingDirectory);
            if (!File.Exists(path))
            {
                throw new KeelConfigurationException($"{explicitPath}: configuration file not found. Check the --config path, or leave it out to use {FileName} in the working directory.");
            }
        }
        else
        {
            path = Path.Combine(workingDirectory, FileName);
            if (!File.Exists(path))
            {
                return new KeelConfig();
            }
        }

        return Parse(File.ReadAllText(path), DisplayName(path, workingDirectory));
    }

    /// <summary>Parses YAML text; <paramref name="fileName"/> is used in error messages.</summary>
    public static KeelConfig Parse(string yaml, string fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new KeelConfigurationException($"{fileName}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new KeelConfig();
        }

        var config = (KeelConfig)new YamlBinder(fileName).Bind(stream.Documents[0].RootNode, typeof(KeelConfig), path: "");
        RouteConfigValidator.Validate(config, fileName);
        RetrievalConfigValidator.Validate(config, fileName);
        return config;
    }

    private static string DisplayName(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
