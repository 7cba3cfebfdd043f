namespace Keel.Tests.Rag.Text;

public sealed class PorterStemmerTests
{
    // Expected stems are the output of Porter's reference implementation (tartarus.org voc.txt → output.txt).
    [Theory]
    [InlineData("caresses", "caress")]
    [InlineData("ponies", "poni")]
    [InlineData("ties", "ti")]
    [InlineData("cats", "cat")]
    [InlineData("relational", "relat")]
    [InlineData("conditional", "condit")]
    [InlineData("rational", "ration")]
    [InlineData("generalization", "gener")]
    [InlineData("hopeful", "hope")]
    [InlineData("goodness", "good")]
    [InlineData("motoring", "motor")]
    [InlineData("running", "run")]
    [InlineData("agreed", "agre")]
    [InlineData("feed", "feed")]
    [InlineData("bled", "bled")]
    [InlineData("sing", "sing")]
    [InlineData("troubled", "troubl")]
    [InlineData("falling", "fall")]
    [InlineData("hissing", "hiss")]
    [InlineData("tanned", "tan")]
    [InlineData("tugging", "tug")]
    [InlineData("failing", "fail")]
    [InlineData("happy", "happi")]
    [InlineData("sky", "sky")]
    [InlineData("adjustable", "adjust")]
    [InlineData("defensible", "defens")]
    [InlineData("electrical", "electr")]
    [InlineData("formalize", "formal")]
    [InlineData("royalize", "royal")]
    [InlineData("allowance", "allow")]
    [InlineData("inference", "infer")]
    [InlineData("dependent", "depend")]
    [InlineData("adoption", "adopt")]
    [InlineData("provision", "provis")]
    [InlineData("controll", "control")]
    [InlineData("roll", "roll")]
    [InlineData("cease", "ceas")]
    [InlineData("rate", "rate")]
    [InlineData("agreement", "agreement")]
    [InlineData("abilities", "abil")]
    [InlineData("universities", "univers")]
    [InlineData("calamity", "calam")]
    [InlineData("angelical", "angel")]
    [InlineData("inauspicious", "inauspici")]
    [InlineData("readiness", "readi")]
    [InlineData("rottenness", "rotten")]
    [InlineData("fruitfully", "fruitfulli")]
    [InlineData("advisedly", "advisedli")]
    [InlineData("fadings", "fade")]
    [InlineData("boys", "boi")]
    [InlineData("saying", "sai")]
    [InlineData("dying", "dy")]
    [InlineData("skies", "ski")]
    [InlineData("news", "new")]
    [InlineData("able", "abl")]
    [InlineData("worcester", "worcest")]
    public void Stem_ReferenceVocabulary_MatchesReferenceOutput(string word, string expected) =>
        Assert.Equal(expected, PorterStemmer.Stem(word));

    [Theory]
    [InlineData("possibly", "possibl")]
    [InlineData("humbly", "humbl")]
    [InlineData("apology", "apolog")]
    public void Stem_ReferenceDepartures_FollowsReferenceProgram(string word, string expected) =>
        Assert.Equal(expected, PorterStemmer.Stem(word));

    [Theory]
    [InlineData("a")]
    [InlineData("as")]
    [InlineData("is")]
    [InlineData("ys")]
    public void Stem_OneOrTwoLetters_ReturnsWordUnchanged(string word) =>
        Assert.Same(word, PorterStemmer.Stem(word));

    [Fact]
    public void Stem_Span_StemsInPlaceAndReturnsLength()
    {
        var buffer = "generalizations".ToCharArray();

        var length = PorterStemmer.Stem(buffer);

        Assert.Equal("gener", new string(buffer, 0, length));
    }

    [Fact]
    public void Stem_UnchangedWord_ReturnsSameInstance()
    {
        var word = "sing";

        Assert.Same(word, PorterStemmer.Stem(word));
    }

    [Fact]
    public void Stem_VeryLongWord_DoesNotOverflowStack()
    {
        var stem = string.Concat(Enumerable.Repeat("ab", 500));

        Assert.Equal(stem, PorterStemmer.Stem(stem + "ational"));
    }
}
