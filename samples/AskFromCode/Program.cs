// Ask a question from code: the same index and answers as `keel ingest` and `keel ask`.
// Run from the repository root: dotnet run --project samples/AskFromCode
using Keel;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddKeel(options => options.WorkingDirectory = Directory.GetCurrentDirectory());
using var provider = services.BuildServiceProvider();

var index = provider.GetRequiredService<DocumentIndex>();
var ingest = await index.IngestAsync(["samples/docs"]);
Console.WriteLine($"{ingest.Added} added, {ingest.Updated} updated, {ingest.Unchanged} unchanged, {ingest.Skipped.Count} skipped");

var answerer = provider.GetRequiredService<GroundedAnswerer>();
var answer = await answerer.AskAsync("How long are deleted files kept in the trash?");
Console.WriteLine(answer.Text);
foreach (var citation in answer.Citations)
{
    Console.WriteLine($"[{citation.N}] {citation.Source} ({citation.Heading}) chars {citation.Start}-{citation.End}");
}
