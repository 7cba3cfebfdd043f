namespace Keel;

/// <summary>The classic Porter stemmer for English.</summary>
/// <remarks>
/// Implements M.F. Porter, "An algorithm for suffix stripping", Program 14(3):130–137, 1980, as Porter's own
/// reference implementation does (https://tartarus.org/martin/PorterStemmer/), so that its output matches the
/// reference vocabulary (voc.txt → output.txt) word for word. That means keeping the reference program's three
/// departures from the paper: words of one or two letters are left alone, step 2 rewrites <c>-bli</c> to
/// <c>-ble</c> (the paper has <c>-abli</c> to <c>-able</c>), and step 2 also rewrites <c>-logi</c> to <c>-log</c>.
/// Lucene's <c>PorterStemmer</c>, behind Anserini's BM25 baselines, is derived from the same program.
/// <para>Input is expected to be lower-case; characters other than <c>a e i o u</c> (and <c>y</c> after a
/// consonant) count as consonants. The stem is never longer than the word, so stemming happens in place.</para>
/// </remarks>
internal static class PorterStemmer
{
    /// <summary>Stems a lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 2)
        {
            return word;
        }

        Span<char> buffer = word.Length <= 256 ? stackalloc char[word.Length] : new char[word.Length];
        word.CopyTo(buffer);
        var length = Stem(buffer);
        var stem = buffer[..length];
        return stem.SequenceEqual(word) ? word : new string(stem);
    }

    /// <summary>Stems a lower-case word in place.</summary>
    /// <returns>The length of the stem, which occupies the start of <paramref name="word"/>.</returns>
    public static int Stem(Span<char> word)
    {
        if (word.Length <= 2)
        {
            return word.Length;
        }

        var stemmer = new Stemming(word);
        stemmer.Step1AB();
        if (stemmer.K > 0)
        {
            stemmer.Step1C();
            stemmer.Step2();
            stemmer.Step3();
            stemmer.Step4();
            stemmer.Step5();
        }

        return stemmer.K + 1;
    }

    /// <summary>The state of one word being stemmed: the buffer, its last index <c>k</c> and the end of the
    /// stem before the suffix just matched, <c>j</c> (the names and steps of the reference program).</summary>
    private ref struct Stemming
    {
        private readonly Span<char> _b;
        private int _j;

        public Stemming(Span<char> word)
        {
            _b = word;
            K = word.Length - 1;
        }

        public int K { get; private set; }

        public void Step1AB()
        {
            if (_b[K] == 's')
            {
                if (Ends("sses"))
                {
                    K -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_b[K - 1] != 's')
                {
                    K--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    K--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                K = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(K))
                {
                    K--;
                    var ch = _b[K];
                    if (ch is 'l' or 's' or 'z')
                    {
                        K++;
                    }
                }
                else if (Measure() == 1 && ConsonantVowelConsonant(K))
                {
                    SetTo("e");
                }
            }
        }

        public void Step1C()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[K] = 'i';
            }
        }

        // Each case tries its suffixes longest first and stops at the first that matches, whether or not the
        // measure condition then allows the replacement: that is how the reference program behaves.
        public void Step2()
        {
            switch (_b[K - 1])
            {
                case 'a':
                    _ = ReplaceIfMeasured("ational", "ate") || ReplaceIfMeasured("tional", "tion");
                    break;
                case 'c':
                    _ = ReplaceIfMeasured("enci", "ence") || ReplaceIfMeasured("anci", "ance");
                    break;
                case 'e':
                    _ = ReplaceIfMeasured("izer", "ize");
                    break;
                case 'l':
                    _ = ReplaceIfMeasured("bli", "ble")
                        || ReplaceIfMeasured("alli", "al")
                        || ReplaceIfMeasured("entli", "ent")
                        || ReplaceIfMeasured("eli", "e")
                        || ReplaceIfMeasured("ousli", "ous");
                    break;
                case 'o':
                    _ = ReplaceIfMeasured("ization", "ize")
                        || ReplaceIfMeasured("ation", "ate")
                        || ReplaceIfMeasured("ator", "ate");
                    break;
                case 's':
                    _ = ReplaceIfMeasured("alism", "al")
                        || ReplaceIfMeasured("iveness", "ive")
                        || ReplaceIfMeasured("fulness", "ful")
                        || ReplaceIfMeasured("ousness", "ous");
                    break;
                case 't':
                    _ = ReplaceIfMeasured("aliti", "al")
                        || ReplaceIfMeasured("iviti", "ive")
                        || ReplaceIfMeasured("biliti", "ble");
                    break;
                case 'g':
                    _ = ReplaceIfMeasured("logi", "log");
                    break;
                default:
                    break;
            }
        }

        public void Step3()
        {
            switch (_b[K])
            {
                case 'e':
                    _ = ReplaceIfMeasured("icate", "ic")
                        || ReplaceIfMeasured("ative", string.Empty)
                        || ReplaceIfMeasured("alize", "al");
                    break;
                case 'i':
                    _ = ReplaceIfMeasured("iciti", "ic");
                    break;
                case 'l':
                    _ = ReplaceIfMeasured("ical", "ic") || ReplaceIfMeasured("ful", string.Empty);
                    break;
                case 's':
                    _ = ReplaceIfMeasured("ness", string.Empty);
                    break;
                default:
                    break;
            }
        }

        public void Step4()
        {
            var matched = _b[K - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };
            if (matched && Measure() > 1)
            {
                K = _j;
            }
        }

        public void Step5()
        {
            _j = K;
            if (_b[K] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !ConsonantVowelConsonant(K - 1)))
                {
                    K--;
                }
            }

            if (_b[K] == 'l' && DoubleConsonant(K) && Measure() > 1)
            {
                K--;
            }
        }

        private readonly bool IsConsonant(int i)
        {
            // Walking back over a run of y's keeps this loop-free: y is a consonant at the start of the word or
            // after a vowel, and a vowel after a consonant.
            var ys = 0;
            while (true)
            {
                switch (_b[i])
                {
                    case 'a' or 'e' or 'i' or 'o' or 'u':
                        return ys % 2 == 1;
                    case 'y':
                        if (i == 0)
                        {
                            return ys % 2 == 0;
                        }

                        ys++;
                        i--;
                        break;
                    default:
                        return ys % 2 == 0;
                }
            }
        }

        /// <summary>The number of vowel-consonant sequences in the stem <c>b[0..j]</c>: m in [C](VC)^m[V].</summary>
        private readonly int Measure()
        {
            var n = 0;
            var i = 0;
            while (i <= _j && IsConsonant(i))
            {
                i++;
            }

            while (i <= _j)
            {
                while (i <= _j && !IsConsonant(i))
                {
                    i++;
                }

                if (i > _j)
                {
                    return n;
                }

                n++;
                while (i <= _j && IsConsonant(i))
                {
                    i++;
                }
            }

            return n;
        }

        private readonly bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly bool DoubleConsonant(int i) => i >= 1 && _b[i] == _b[i - 1] && IsConsonant(i);

        /// <summary>True when <c>b[i-2..i]</c> is consonant-vowel-consonant and the last is not w, x or y
        /// (the *o condition: e.g. -wil, -hop).</summary>
        private readonly bool ConsonantVowelConsonant(int i) =>
            i >= 2 && IsConsonant(i) && !IsConsonant(i - 1) && IsConsonant(i - 2) && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            if (suffix.Length > K + 1 || !_b[..(K + 1)].EndsWith(suffix))
            {
                return false;
            }

            _j = K - suffix.Length;
            return true;
        }

        private void SetTo(string replacement)
        {
            replacement.CopyTo(_b[(_j + 1)..]);
            K = _j + replacement.Length;
        }

        /// <summary>When the word ends with <paramref name="suffix"/>, replaces it if m &gt; 0 and returns true
        /// either way, which stops the step.</summary>
        private bool ReplaceIfMeasured(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            if (Measure() > 0)
            {
                SetTo(replacement);
            }

            return true;
        }
    }
}
