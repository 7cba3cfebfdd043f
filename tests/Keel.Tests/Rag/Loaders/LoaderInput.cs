using System.Text;

namespace Keel.Tests;

/// <summary>Runs a loader over in-memory content and checks the span contract on the way out.</summary>
internal static class LoaderInput
{
    public static LoadedDocument Load(IDocumentLoader loader, string content, string path) =>
        Load(loader, Encoding.UTF8.GetBytes(content), path);

    public static LoadedDocument Load(IDocumentLoader loader, byte[] content, string path)
    {
        using var stream = new MemoryStream(content, writable: false);
        var document = loader.Load(stream, path);
        LoadedDocumentAssert.SpansAreValid(document);
        return document;
    }
}
