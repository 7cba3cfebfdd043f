namespace Keel.Tests.Models;

public sealed class ModelConfigTests
{
    [Fact]
    public void Parse_ModelsSection_ReadsEveryModel()
    {
        var config = KeelConfigLoader.Parse("""
            models:
              default:
                provider: openai
                model: gpt-4o-mini
                base_url: http://127.0.0.1:8088/v1
                api_key_env: MY_KEY
              local:
                provider: openai-compatible
                model: llama3
                base_url: http://127.0.0.1:11434/v1
            """, "keel.yaml");

        Assert.Equal(["default", "local"], config.Models.Keys);
        Assert.Equal(ModelProvider.Openai, config.Models["default"].Provider);
        Assert.Equal("MY_KEY", config.Models["default"].ApiKeyEnv);
        Assert.Equal(ModelProvider.OpenaiCompatible, config.Models["local"].Provider);
    }

    [Fact]
    public void Parse_UnknownProvider_ListsTheKnownOnes()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("models:\n  m:\n    provider: gemini\n    model: x\n", "keel.yaml"));

        Assert.Equal("keel.yaml:3:15: models.m.provider: expected one of openai, anthropic, openai-compatible, got 'gemini'", error.Message);
    }

    [Fact]
    public void Parse_ModelWithoutModelId_SaysWhichKeyIsMissing()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("models:\n  m:\n    provider: openai\n", "keel.yaml"));

        Assert.Equal("keel.yaml:3:5: models.m: missing required key 'model'", error.Message);
    }

    [Fact]
    public void Parse_ApiKeyInYaml_IsAnUnknownKey()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => KeelConfigLoader.Parse("models:\n  m:\n    model: x\n    api_key: sk-123\n", "keel.yaml"));

        Assert.Contains("unknown key 'api_key'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-123", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_EnvironmentFirst_ThenSecretsFile()
    {
        using var home = new TempDirectory();
        using var project = new TempDirectory();
        home.File(".config/keel/secrets.env", "# keys\nOPENAI_API_KEY=sk-from-file\nOTHER = \"quoted\"\n");
        var environment = new Dictionary<string, string> { ["HOME"] = home.Path, ["ANTHROPIC_API_KEY"] = "sk-ant-env" };
        var resolver = new ApiKeyResolver(name => environment.GetValueOrDefault(name), project.Path);

        Assert.Equal("sk-ant-env", resolver.Find("ANTHROPIC_API_KEY"));
        Assert.Equal("sk-from-file", resolver.Find("OPENAI_API_KEY"));
        Assert.Equal("quoted", resolver.Find("OTHER"));
        Assert.Null(resolver.Find("MISSING"));
    }

    [Fact]
    public void Find_SecretsFileInsideTheProject_IsRefused()
    {
        using var project = new TempDirectory();
        var file = project.File("secrets.env", "OPENAI_API_KEY=sk-oops\n");
        var resolver = new ApiKeyResolver(name => name == "KEEL_SECRETS_FILE" ? file : null, project.Path);

        var error = Assert.Throws<KeelConfigurationException>(() => resolver.Find("OPENAI_API_KEY"));

        Assert.Contains("inside the working directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-oops", error.Message, StringComparison.Ordinal);
    }
}
