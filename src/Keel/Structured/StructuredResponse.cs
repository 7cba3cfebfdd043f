using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>A schema-valid value a model gave, with how it was obtained.</summary>
/// <typeparam name="T">The value's type.</typeparam>
public sealed class StructuredResponse<T>
{
    internal StructuredResponse(T? value, IReadOnlyList<StructuredDiagnostic> repairs, int attempts, ChatResponse response, UsageDetails? usage, decimal? costUsd)
    {
        Value = value;
        Repairs = repairs;
        Attempts = attempts;
        Response = response;
        Usage = usage;
        CostUsd = costUsd;
    }

    /// <summary>Gets the value.</summary>
    public T? Value { get; }

    /// <summary>Gets every repair and coercion the parser made on the accepted answer.</summary>
    public IReadOnlyList<StructuredDiagnostic> Repairs { get; }

    /// <summary>Gets how many model calls it took: 1, plus one per re-ask.</summary>
    public int Attempts { get; }

    /// <summary>Gets the model's final response (its usage, model id, finish reason and properties such as cost).</summary>
    public ChatResponse Response { get; }

    /// <summary>Gets the token usage summed over every attempt, when the provider reported it.</summary>
    public UsageDetails? Usage { get; }

    /// <summary>Gets what every attempt cost in US dollars, when Keel's usage layer priced them (<c>keel.cost_usd</c>); null otherwise.</summary>
    public decimal? CostUsd { get; }
}
