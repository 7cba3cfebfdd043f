namespace Keel.Tests.Rag.Text;

public sealed class EnglishAnalyzerTests
{
    [Fact]
    public void Analyze_Sentence_DropsStopwordsAndStems()
    {
        Assert.Equal(["user", "run", "shoe", "car"], Terms("The users are running with their shoes in the cars."));
    }

    [Fact]
    public void Analyze_AllStopwords_ReturnsNothing()
    {
        Assert.Equal(33, EnglishStopwords.Words.Count);
        Assert.Empty(Terms(string.Join(' ', EnglishStopwords.Words).ToUpperInvariant()));
    }

    [Theory]
    [InlineData("", new string[0])]
    [InlineData("  \t\n ... -- !!", new string[0])]
    [InlineData("Hello, world!", new[] { "hello", "world" })]
    [InlineData("state-of-the-art", new[] { "state", "art" })]
    [InlineData("COVID-19 and/or SARS_CoV_2", new[] { "covid", "19", "sar", "cov", "2" })]
    [InlineData("error E1042 in h2o", new[] { "error", "e1042", "h2o" })]
    [InlineData("1990s", new[] { "1990s" })]
    public void Analyze_Punctuation_SplitsOnNonAlphanumerics(string text, string[] expected) =>
        Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("99.95%", new[] { "99.95" })]
    [InlineData("version v1.2.3.", new[] { "version", "v1.2.3" })]
    [InlineData("1,000 items", new[] { "1", "000", "item" })]
    [InlineData("step 3. then .5", new[] { "step", "3", "5" })]
    [InlineData("p<0.05", new[] { "p", "0.05" })]
    public void Analyze_Numbers_KeepsDecimalPointBetweenDigitsOnly(string text, string[] expected) =>
        Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("the user's guide", new[] { "user", "guid" })]
    [InlineData("the user’s guide", new[] { "user", "guid" })]
    [InlineData("USER'S", new[] { "user" })]
    [InlineData("the users' guide", new[] { "user", "guid" })]
    [InlineData("don't stop", new[] { "dont", "stop" })]
    [InlineData("it's", new string[0])]
    [InlineData("O'Neill's 'quoted' word", new[] { "oneil", "quot", "word" })]
    [InlineData("the 's' key", new[] { "s", "kei" })]
    public void Analyze_Apostrophes_JoinsWordsAndDropsPossessive(string text, string[] expected) =>
        Assert.Equal(expected, Terms(text));

    [Theory]
    [InlineData("Café Müller", new[] { "cafe", "muller" })]
    [InlineData("cafe\u0301", new[] { "cafe" })]
    [InlineData("STRASSE Straße", new[] { "strass", "strass" })]
    [InlineData("Æsir Œuvre", new[] { "aesir", "oeuvr" })]
    [InlineData("ΑΛΦΑ", new[] { "αλφα" })]
    public void Analyze_NonAsciiLetters_LowerCasesAndFoldsAccents(string text, string[] expected) =>
        Assert.Equal(expected, Terms(text));

    [Fact]
    public void Analyze_Ideographs_EmitsOneTermEach()
    {
        Assert.Equal(["東", "京", "tokyo"], Terms("東京 Tokyo"));
    }

    [Fact]
    public void Analyze_LetterOutsideBasicPlane_StaysInWord()
    {
        Assert.Equal(["a\U00010428b"], Terms("a\U00010400b"));
    }

    [Fact]
    public void Analyze_WithSpans_SpansPointAtOriginalWords()
    {
        const string Text = "The user's  Café-crème costs 99.95% (E1042)!";
        var tokens = new List<AnalyzedToken>();

        EnglishAnalyzer.Analyze(Text, tokens);

        Assert.Equal(["user", "cafe", "creme", "cost", "99.95", "e1042"], tokens.Select(t => t.Term));
        Assert.Equal(["user's", "Café", "crème", "costs", "99.95", "E1042"], tokens.Select(t => Text[t.Start..t.End]));
    }

    [Fact]
    public void Analyze_LongWord_IsSkippedAtTheLimit()
    {
        var longest = new string('x', EnglishAnalyzer.MaxTokenLength);
        var tooLong = new string('y', EnglishAnalyzer.MaxTokenLength + 1);

        Assert.Equal([longest, "end"], Terms($"{longest} {tooLong} end"));
    }

    [Fact]
    public void Analyze_ExistingList_AppendsTerms()
    {
        var terms = new List<string> { "first" };

        EnglishAnalyzer.Analyze("second", terms);

        Assert.Equal(["first", "second"], terms);
    }

    [Fact]
    public void Analyze_RepeatedWord_ReturnsSameTermInstance()
    {
        var terms = Terms("Connection connection");

        Assert.Equal("connect", terms[0]);
        Assert.Same(terms[0], terms[1]);
    }

    [Fact]
    public void Analyze_MoreDistinctWordsThanCacheHolds_StaysCorrect()
    {
        var words = new List<string>();
        for (var i = 0; i < EnglishAnalyzer.CacheCapacity + 1000; i++)
        {
            words.Add(Word(i) + "ing");
        }

        var terms = Terms(string.Join(' ', words) + " running");

        Assert.Equal(words.Count + 1, terms.Count);
        Assert.Equal("run", terms[^1]);
        Assert.Equal(PorterStemmer.Stem(words[^1]), terms[^2]);
    }

    [Fact]
    public void Analyze_ManyThreads_GiveSameTermsAsOneThread()
    {
        const string Text = "Relational conditional generalizations: hopeful motoring, agreed happy adjustable electrical.";
        var expected = Terms(Text);

        var results = new List<string>[16];
        Parallel.For(0, results.Length, i =>
        {
            var terms = new List<string>();
            for (var round = 0; round < 200; round++)
            {
                terms.Clear();
                EnglishAnalyzer.Analyze(Text, terms);
            }

            results[i] = terms;
        });

        Assert.All(results, terms => Assert.Equal(expected, terms));
    }

    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        EnglishAnalyzer.Analyze(text, terms);
        return terms;
    }

    private static string Word(int n)
    {
        var chars = new List<char> { 'q' };
        do
        {
            chars.Add((char)('a' + (n % 26)));
            n /= 26;
        }
        while (n > 0);

        return new string([.. chars]);
    }
}
