namespace Keel.Tests;

/// <summary>A loader for one extension whose behaviour a test sets through <see cref="LoadCallback"/>.</summary>
internal sealed class FakeDocumentLoader(string extension) : IDocumentLoader
{
    public Func<Stream, string, LoadedDocument> LoadCallback { get; set; } = (_, _) => new LoadedDocument(string.Empty, []);

    public string DocumentType => "fake";

    public IReadOnlyList<string> Extensions { get; } = [extension];

    public LoadedDocument Load(Stream content, string path) => LoadCallback(content, path);
}
