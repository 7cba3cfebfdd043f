namespace Keel;

/// <summary>One query of a BEIR dataset (a line of <c>queries.jsonl</c>).</summary>
/// <param name="Id">The <c>_id</c> the qrels refer to.</param>
/// <param name="Text">The <c>text</c>.</param>
internal sealed record BeirQuery(string Id, string Text);
