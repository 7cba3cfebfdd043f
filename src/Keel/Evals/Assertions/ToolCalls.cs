using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The tool calls in a model response, in order.</summary>
internal static class ToolCalls
{
    public static List<FunctionCallContent> Of(EvalOutput output) =>
        output.Response is null ? [] : [.. output.Response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>()];
}
