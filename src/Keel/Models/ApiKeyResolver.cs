namespace Keel;

/// <summary>Finds API keys: in the environment first, then in a secrets file outside the repository.</summary>
/// <remarks>The secrets file is <c>KEEL_SECRETS_FILE</c> when set, otherwise <c>~/.config/keel/secrets.env</c>, with
/// <c>NAME=value</c> lines. Keys are never read from keel.yaml and never appear in messages: errors name the variable,
/// not its value.</remarks>
internal sealed class ApiKeyResolver(Func<string, string?> environment, string workingDirectory)
{
    public static ApiKeyResolver FromProcess(string workingDirectory) => new(Environment.GetEnvironmentVariable, workingDirectory);

    /// <summary>The key in <paramref name="variable"/>, or null when neither the environment nor the secrets file has it.</summary>
    public string? Find(string variable)
    {
        var value = environment(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        var file = SecretsFile();
        if (file is null || !File.Exists(file))
        {
            return null;
        }

        var fullPath = Path.GetFullPath(file);
        if (fullPath.StartsWith(Path.GetFullPath(workingDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new KeelConfigurationException($"{file}: the secrets file is inside the working directory, where it could be committed. Move it outside the repository and point KEEL_SECRETS_FILE at it.");
        }

        foreach (var line in File.ReadLines(fullPath))
        {
            var trimmed = line.Trim();
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (trimmed.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            if (trimmed[..equals].Trim() == variable)
            {
                return trimmed[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    private string? SecretsFile()
    {
        var configured = environment("KEEL_SECRETS_FILE");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var home = environment("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".config", "keel", "secrets.env");
    }
}
