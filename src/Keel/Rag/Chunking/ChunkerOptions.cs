namespace Keel;

/// <summary>Chunk sizing.</summary>
/// <param name="MaxTokens">Largest chunk in tokens (default 512).</param>
/// <param name="OverlapTokens">Tokens of trailing sentences repeated at the start of the next chunk of the same section (default 64).</param>
internal sealed record ChunkerOptions(int MaxTokens = 512, int OverlapTokens = 64)
{
    public void Validate()
    {
        if (MaxTokens < 8)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "Chunks must allow at least 8 tokens.");
        }

        if (OverlapTokens < 0 || OverlapTokens >= MaxTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(OverlapTokens), OverlapTokens, "Overlap must be at least 0 and smaller than the chunk size.");
        }
    }
}
