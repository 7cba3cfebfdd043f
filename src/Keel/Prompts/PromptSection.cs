using Fluid;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>One role section of a prompt body, parsed as its own Liquid template.</summary>
/// <param name="Role">The role its heading names.</param>
/// <param name="Line">The 1-based file line of the section's first content line.</param>
/// <param name="Source">The section's template text.</param>
/// <param name="Template">The parsed template.</param>
internal sealed record PromptSection(ChatRole Role, int Line, string Source, IFluidTemplate Template);
