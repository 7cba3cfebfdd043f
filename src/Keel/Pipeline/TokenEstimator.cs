using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Estimates token counts from text length when a provider has not (yet) said how many it counted.</summary>
/// <remarks>Four characters per token is the usual rule of thumb for English with GPT- and Claude-style tokenizers;
/// it is used only before a call (rate limits) or when the provider reports no usage (marked as estimated).</remarks>
internal static class TokenEstimator
{
    public const int CharsPerToken = 4;

    public static long FromMessages(IEnumerable<ChatMessage> messages)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            chars += message.Text.Length;
        }

        return FromChars(chars);
    }

    public static long FromChars(long chars) => (chars + CharsPerToken - 1) / CharsPerToken;
}
