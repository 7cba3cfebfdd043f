namespace Keel.Simulator;

/// <summary>A deterministic token estimate: one token per four characters, rounded up. Not a real tokenizer.</summary>
internal static class TokenEstimator
{
    public static int Count(int characters) => characters <= 0 ? 0 : (characters + 3) / 4;

    public static int Count(string text) => Count(text.Length);
}
