namespace Keel.Tests.Simulator;

/// <summary>A <see cref="StringWriter"/> that a running command writes to while the test reads it.</summary>
internal sealed class SynchronizedWriter : StringWriter
{
    private readonly Lock _lock = new();

    public override void Write(char value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            base.Write(value);
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        lock (_lock)
        {
            base.WriteLine(value);
        }

        return Task.CompletedTask;
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return base.ToString();
        }
    }
}
