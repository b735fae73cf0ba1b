package basin.study.verdict;

import java.util.List;
import java.util.Objects;

/**
 * What a study says about one of Basin's claims: a status, one sentence whose wording follows the
 * numbers (never a fixed sentence), and the evidence lines behind it.
 *
 * @param claim which claim
 * @param status supported, not supported, inconclusive, or not run
 * @param sentence the verdict in words with its key numbers, e.g. "Many minima: 214 distinct minima
 *     in 1000 starts, Chao1 530 (95% CI 410 to 720); count grows ~ width^2.3 (CI 1.9 to 2.7)"
 * @param evidence the numbers behind it, one line each, and for an inconclusive verdict the reason
 *     (low coverage, too few sweep points, ...)
 */
public record Verdict(Claim claim, Status status, String sentence, List<String> evidence) {
  /** The three claims of Basin. */
  public enum Claim {
    MANY_MINIMA("Many minima"),
    NEAR_GLOBAL("Near-global"),
    FLAT("Flat");

    private final String title;

    Claim(String title) {
      this.title = title;
    }

    /** The claim's title as the report prints it. */
    public String title() {
      return title;
    }
  }

  /** How the evidence stands. */
  public enum Status {
    SUPPORTED("supported"),
    NOT_SUPPORTED("not supported"),
    INCONCLUSIVE("inconclusive"),
    /** The analysis that would decide it has not run; the sentence names the command that runs it. */
    NOT_RUN("not run");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    /** The status as the report prints it. */
    public String label() {
      return label;
    }
  }

  public Verdict {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(sentence, "sentence");
    evidence = List.copyOf(evidence);
  }
}
