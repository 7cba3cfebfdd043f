namespace Keel;

/// <summary>One index term and where the word it came from sits in the analysed text.</summary>
/// <param name="Term">The term as indexed: lower-case, accents folded, Porter-stemmed.</param>
/// <param name="Start">Offset of the word's first character in the text.</param>
/// <param name="End">Offset one past the word's last character (exclusive); a possessive <c>'s</c> is inside.</param>
internal readonly record struct AnalyzedToken(string Term, int Start, int End);
