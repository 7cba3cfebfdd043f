using System.Text.RegularExpressions;
using Fluid;
using Fluid.Ast;

namespace Keel;

/// <summary>The variables a parsed Liquid template reads from outside: every member expression's root name,
/// less the names the template sets itself (assign, capture, for, increment) and Liquid's own loop objects.</summary>
internal sealed partial class TemplateVariables : AstVisitor
{
    private static readonly HashSet<string> BuiltIns = new(StringComparer.Ordinal) { "forloop", "tablerowloop", "empty", "blank", "nil", "null", "true", "false" };

    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);

    /// <summary>The names <paramref name="template"/> reads and does not set itself.</summary>
    public static IReadOnlySet<string> Of(IFluidTemplate template)
    {
        var visitor = new TemplateVariables();
        visitor.VisitTemplate(template);
        visitor._read.ExceptWith(visitor._set);
        visitor._read.ExceptWith(BuiltIns);
        return visitor._read;
    }

    /// <summary>The 0-based line in <paramref name="source"/> of the first Liquid tag or output that names
    /// <paramref name="name"/>, or null.</summary>
    public static int? FirstLine(string source, string name)
    {
        var word = new Regex($@"(?<![\w.""'-]){Regex.Escape(name)}(?![\w-])", RegexOptions.CultureInvariant);
        foreach (Match tag in LiquidTag().Matches(source))
        {
            if (word.Match(tag.Value) is { Success: true } hit)
            {
                return source.AsSpan(0, tag.Index + hit.Index).Count('\n');
            }
        }

        return null;
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        if (memberExpression.Segments.Count > 0 && memberExpression.Segments[0] is IdentifierSegment root)
        {
            _read.Add(root.Identifier);
        }

        return base.VisitMemberExpression(memberExpression);
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _set.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _set.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        _set.Add(forStatement.Identifier);
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitIncrementStatement(IncrementStatement incrementStatement)
    {
        _set.Add(incrementStatement.Identifier);
        return base.VisitIncrementStatement(incrementStatement);
    }

    protected override Statement VisitDecrementStatement(DecrementStatement decrementStatement)
    {
        _set.Add(decrementStatement.Identifier);
        return base.VisitDecrementStatement(decrementStatement);
    }

    [GeneratedRegex(@"\{\{.*?\}\}|\{%.*?%\}", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LiquidTag();
}
