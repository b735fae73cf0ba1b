package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import basin.store.Catalog;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: headless Chromium (Debian's package, which .ci/run installs) loads
 * the file with no network and serializes the DOM it built; every figure is there as rendered SVG
 * and the page's title and headline numbers survive parsing. Skipped where no Chromium is installed.
 */
@Tag("slow")
class ReportBrowserTest {

  @Test
  void chromiumRendersEveryFigure(@TempDir Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(Files.isExecutable(chromium), "no Chromium at /usr/bin/chromium");
    Path db = dir.resolve("mb.db");
    StudyRunner.run(new StudySpec("browser", "muller-brown", null, null, null, 0.0, null, null, 30, 1L, null).withDefaults(), db, 2, null,
        Map.of());
    Path html = dir.resolve("report.html");
    String source;
    try (Catalog c = Catalog.open(db)) {
      StudyReport.write(c, html, "2026-12-07T00:00:00Z", "test");
      source = Files.readString(html, StandardCharsets.UTF_8);
    }
    Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--dump-dom", html.toUri().toString()))
        .redirectError(dir.resolve("chromium.log").toFile()).start();
    byte[] dom = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("chromium.log")));
    String rendered = new String(dom, StandardCharsets.UTF_8);
    assertEquals(count(source, "<svg"), count(rendered, "<svg"), "every SVG figure is in the rendered DOM");
    assertTrue(count(rendered, "<svg") >= 3, rendered.length() + " characters of DOM");
    assertTrue(rendered.contains("Basin report"), "the page's heading");
    assertTrue(rendered.contains("Discovery curve"), "the discovery figure's title");
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
