namespace Keel.Tests.Prompts;

public sealed class PromptsConfigTests
{
    [Fact]
    public void Parse_PromptsPath_IsRead()
    {
        Assert.Equal("prompts", KeelConfigLoader.Parse("", "keel.yaml").Prompts.Path);
        Assert.Equal("ai/prompts", KeelConfigLoader.Parse("prompts:\n  path: ai/prompts\n", "keel.yaml").Prompts.Path);
    }

    [Fact]
    public void Parse_UnknownPromptsKey_NamesFileLineAndExpectedKeys()
    {
        var message = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("prompts:\n  dir: x\n", "keel.yaml")).Message;

        Assert.Equal("keel.yaml:2:3: prompts.dir: unknown key 'dir'; expected one of: path", message);
    }

    [Fact]
    public void AddKeel_PromptLibrary_ReadsTheConfiguredDirectory()
    {
        using var directory = new TempDirectory();
        directory.File("keel.yaml", "prompts: { path: ai }\n");
        directory.File("ai/hello.prompt.md", "# user\nHello");
        using var keel = KeelFixture.Open(directory);

        var library = keel.Get<PromptLibrary>();

        Assert.Equal(["hello"], library.Names);
        Assert.Equal("ai/hello.prompt.md", library.Current("hello")!.Source);
    }
}
