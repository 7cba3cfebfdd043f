using System.Diagnostics.CodeAnalysis;

namespace Keel;

/// <summary>Chooses the loader for a file by its extension, case-insensitively.</summary>
internal sealed class DocumentLoaderRegistry
{
    private readonly Dictionary<string, IDocumentLoader> _loaders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the registry with the built-in loaders: Markdown, HTML, PDF, DOCX, CSV/TSV and plain text.</summary>
    public DocumentLoaderRegistry()
        : this([new MarkdownLoader(), new HtmlLoader(), new PdfLoader(), new DocxLoader(), new CsvLoader(), new PlainTextLoader()])
    {
    }

    /// <summary>Creates the registry with the given loaders.</summary>
    /// <exception cref="ArgumentException">Two loaders claim the same extension, or an extension does not start
    /// with a dot.</exception>
    public DocumentLoaderRegistry(IEnumerable<IDocumentLoader> loaders)
    {
        ArgumentNullException.ThrowIfNull(loaders);
        foreach (var loader in loaders)
        {
            foreach (var extension in loader.Extensions)
            {
                if (extension.Length < 2 || extension[0] != '.')
                {
                    throw new ArgumentException(
                        $"{loader.GetType().Name} declares the extension '{extension}'; extensions start with a dot, e.g. '.md'.",
                        nameof(loaders));
                }

                if (!_loaders.TryAdd(extension, loader))
                {
                    throw new ArgumentException(
                        $"The extension '{extension}' is claimed by both {_loaders[extension].GetType().Name} and "
                        + $"{loader.GetType().Name}; register one loader per extension.",
                        nameof(loaders));
                }
            }
        }

        SupportedExtensions = _loaders.Keys.Select(extension => extension.ToLowerInvariant()).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The extensions with a loader, lower-case with the dot, in ordinal order.</summary>
    public IReadOnlyCollection<string> SupportedExtensions { get; }

    /// <summary>Finds the loader for <paramref name="path"/> by its extension.</summary>
    /// <returns>False when the file has no extension or no loader handles it.</returns>
    public bool TryGetLoader(string path, [NotNullWhen(true)] out IDocumentLoader? loader)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path);
        loader = null;
        return extension.Length > 1 && _loaders.TryGetValue(extension, out loader);
    }
}
