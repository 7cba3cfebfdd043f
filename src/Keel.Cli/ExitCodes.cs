namespace Keel.Cli;

/// <summary>The exit codes of every <c>keel</c> command (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>Bad input, bad configuration or a failure; the message on stderr says which.</summary>
    public const int Error = 1;

    /// <summary>The command line itself is wrong (unknown option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Ingest finished but skipped some files; the rest is indexed.</summary>
    public const int Skipped = 3;

    /// <summary>A bug in Keel: please report it with the message.</summary>
    public const int Internal = 70;
}
