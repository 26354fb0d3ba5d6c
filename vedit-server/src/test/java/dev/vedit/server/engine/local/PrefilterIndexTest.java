package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The index answers exactly as asking every prefilter in turn would, over the lexicon's own prefilters and random ones. */
class PrefilterIndexTest {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final String ALPHABET = "abcdeilnorstuxy 0123:%'-亮度饱和音量调高一点\uD83D\uDE00";

    @Test
    void namesTheVariantsEachPrefilterWouldPass() {
        List<Prefilter> prefilters = Lexicon.get().variants().stream().map(Lexicon.Variant::prefilter).toList();
        PrefilterIndex index = PrefilterIndex.of(prefilters);
        PromptNormalizer normalizer = new PromptNormalizer(Lexicon.get());
        long passed = 0;
        for (String prompt : List.of("make it black and white and slow it down", "b and w, slo mo pls", "把视频前3秒剪掉",
                "ad a title that says hi", "the first second in slow mo", "静音 然后 调亮一点", "")) {
            FoldedText folded = Prefilter.folded(normalizer.written(prompt));
            passed += assertSame(index, prefilters, folded);
        }
        assertThat(passed).isGreaterThan(5);
    }

    @Test
    void answersAsEveryPrefilterOverRandomPatternsAndTexts() {
        Random random = new Random(41);
        List<Prefilter> prefilters = new ArrayList<>();
        prefilters.add(Prefilter.NONE); // requires nothing: every text may match it
        for (int i = 0; i < 300; i++) {
            String a = random(random, 1 + random.nextInt(3));
            String b = random(random, 1 + random.nextInt(4));
            String regex = switch (i % 4) {
                case 0 -> Pattern.quote(a);
                case 1 -> "(?:" + Pattern.quote(a) + "|" + Pattern.quote(b) + ")";
                case 2 -> Pattern.quote(a) + "\\s*" + Pattern.quote(b);
                default -> "\\d+\\s*" + Pattern.quote(b);
            };
            prefilters.add(Prefilter.of(Pattern.compile(regex, FLAGS)));
        }
        PrefilterIndex index = PrefilterIndex.of(prefilters);
        long passed = 0;
        for (int t = 0; t < 5000; t++) {
            passed += assertSame(index, prefilters, Prefilter.folded(random(random, random.nextInt(40))));
        }
        assertThat(passed).as("texts that some prefilter passes, beside the one that requires nothing").isGreaterThan(5000 * 2L);
    }

    private static int assertSame(PrefilterIndex index, List<Prefilter> prefilters, FoldedText folded) {
        BitSet expected = new BitSet();
        for (int i = 0; i < prefilters.size(); i++) {
            if (prefilters.get(i).mayMatch(folded)) {
                expected.set(i);
            }
        }
        assertThat(index.matching(folded)).as(folded.text).isEqualTo(expected);
        for (int from : new int[] {1, 63, 64, 65, 128, prefilters.size() / 2, prefilters.size()}) {
            BitSet later = (BitSet) expected.clone();
            later.clear(0, Math.min(from, prefilters.size()));
            assertThat(index.matching(folded, from)).as("%s from %d", folded.text, from).isEqualTo(later);
        }
        return expected.cardinality();
    }

    private static String random(Random random, int length) {
        return FoldedTextTest.random(random, length, ALPHABET);
    }
}
