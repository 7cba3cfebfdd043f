namespace Keel;

/// <summary>The system under test of a suite: Keel's grounded answerer, or one model with a prompt.</summary>
internal interface IEvalTarget
{
    /// <summary>The name in reports (<c>ask</c>, or the model name).</summary>
    string Name { get; }

    /// <summary>The model whose concurrency limit this target shares; null when it calls none.</summary>
    string? Model { get; }

    /// <summary>Once per run, before the first case (the ask target ingests its documents here).</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Runs one case; throws when the call itself failed (the case is then an ERROR).</summary>
    Task<EvalOutput> RunAsync(EvalCase evalCase, int repeat, CancellationToken cancellationToken);
}
