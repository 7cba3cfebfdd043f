namespace Keel;

/// <summary>One document of a BEIR corpus (a line of <c>corpus.jsonl</c>).</summary>
/// <param name="Id">The <c>_id</c> the qrels refer to.</param>
/// <param name="Title">The <c>title</c>; empty when the line has none.</param>
/// <param name="Text">The <c>text</c>.</param>
internal sealed record BeirDocument(string Id, string Title, string Text);
