package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import basin.store.Catalog;
import basin.study.FlatnessRunner;
import basin.study.SaddleRunner;
import basin.study.StudyRunner;
import basin.study.StudySpec;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: headless Chromium (Debian's package, which .ci/run installs), driven
 * over the DevTools protocol, opens a report from disk of a Muller-Brown study with its flatness and
 * saddle tables, the verdicts, and a section with every kind of figure. Checks: no console error or
 * uncaught exception, no request other than the file itself (the page works offline), every figure
 * drawn (an ECharts instance, a canvas of nonzero size with ink on it, data in its series, and an SVG
 * export that parses), the three verdicts shown, and a study name holding {@code <script>} shown as
 * text, never run; and, reloaded with JavaScript off, a note in place of each chart. Skipped where no
 * Chromium is installed.
 */
@Tag("slow")
class ReportBrowserTest {
  private static final String NAME = "mb <script>alert(1)</script><img src=x onerror=\"window.pwned=1\">";

  /** Per figure: its instance, canvas size, inked pixels, data points, SVG export; and the page's verdicts and title. */
  private static final String CHECKS = """
      (() => {
        const out = {figures: [], verdicts: [], h1: document.querySelector('h1').textContent, pwned: window.pwned === 1,
            svgFigures: document.querySelectorAll('figure.svg svg').length,
            scripts: Array.from(document.scripts).map(s => s.id || s.type)};
        for (const div of document.querySelectorAll('div.chart[data-figure]')) {
          const inst = echarts.getInstanceByDom(div);
          const canvas = div.querySelector('canvas');
          let ink = 0;
          if (canvas && canvas.width > 0 && canvas.height > 0) {
            const d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
          }
          let svgOk = false;
          let svgTitle = '';
          try {
            const doc = new DOMParser().parseFromString(basinReport.svgOf(inst), 'image/svg+xml');
            svgOk = !doc.querySelector('parsererror') && doc.documentElement.nodeName === 'svg';
            svgTitle = doc.documentElement.textContent;
          } catch (e) { svgTitle = String(e); }
          const series = inst ? inst.getOption().series : [];
          out.figures.push({id: div.dataset.figure, instance: !!inst, width: canvas ? canvas.width : 0, height: canvas ? canvas.height : 0,
              boxWidth: div.clientWidth, boxHeight: div.clientHeight, ink: ink,
              points: series.reduce((n, s) => n + (s.data ? s.data.length : 0) + (s.markLine && s.markLine.data ? s.markLine.data.length : 0), 0),
              svgOk: svgOk, svgText: svgTitle});
        }
        for (const v of document.querySelectorAll('.verdict')) out.verdicts.push({claim: v.dataset.claim, status: v.dataset.status,
            label: v.querySelector('.status').textContent, text: v.textContent});
        return JSON.stringify(out);
      })()""";

  @Test
  void chromiumDrawsEveryFigureOfflineWithoutErrors(@TempDir Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(Files.isExecutable(chromium), "no Chromium at /usr/bin/chromium");
    long t0 = System.nanoTime();
    Path db = dir.resolve("mb.db");
    StudyRunner.run(new StudySpec(NAME, "muller-brown", null, null, null, 0.0, null, null, 30, 1L, null).withDefaults(), db, 2, null,
        Map.of());
    FlatnessRunner.run(db, null, FlatnessRunner.Options.defaults(), null);
    SaddleRunner.run(db, null, new SaddleRunner.Options("newton-mr", 12, 1L), null);
    Path html = dir.resolve("report.html");
    Set<String> expected = new TreeSet<>();
    try (Catalog c = Catalog.open(db)) {
      ReportDocument doc = StudyReport.builder(c, "2026-12-07T00:00:00Z", "test", FigureGallery.verdicts())
          .section(FigureGallery.section()).build();
      doc.write(html);
      for (Section s : doc.sections()) for (Figure f : s.figures()) if (f.isChart()) expected.add(f.id());
    }
    long t1 = System.nanoTime();
    long bytes = Files.size(html);
    System.out.printf("report with every figure: %d bytes%n", bytes);
    assertTrue(bytes < 1_500_000, bytes + " bytes: a report must stay well under 2 MB");

    openInChromium(dir, html, expected, 1, (page, cdp) -> {
        assertTrue(page.path("figures").findValuesAsText("svgText").stream().anyMatch(t -> t.contains("global minimum " + FigureGallery.NASTY)),
            "labels with markup are text in the exported SVG");
        JsonNode v = page.path("verdicts");
        assertEquals(3, v.size(), v.toString());
        assertEquals("MANY_MINIMA", v.get(0).path("claim").asText());
        assertEquals("supported", v.get(0).path("label").asText());
        assertEquals("inconclusive", v.get(1).path("label").asText());
        assertEquals("not run", v.get(2).path("label").asText());
        assertTrue(v.get(0).path("text").asText().contains(FigureGallery.NASTY), "evidence shown as text");

        assertEquals("Basin report: " + NAME, page.path("h1").asText(), "the study name with <script> is shown as text");
        assertFalse(page.path("pwned").asBoolean(), "markup in the study name ran");
        assertEquals(List.of("option-", "echarts-lib", "basin-report-js"), scriptKinds(page.path("scripts")), "no other script elements");

        // without JavaScript: each chart says what it is and points to its data
        cdp.call("Emulation.setScriptExecutionDisabled", Cdp.params().put("value", true));
        cdp.call("Page.reload", null);
        cdp.awaitEvent("Page.loadEventFired", 2, Duration.ofSeconds(60));
        JsonNode root = cdp.call("DOM.getDocument", null).path("root");
        String dom = cdp.call("DOM.getOuterHTML", Cdp.params().put("nodeId", root.path("nodeId").asInt())).path("outerHTML").asText();
        assertEquals(expected.size(), count(dom, "<p class=\"nojs\">"), "a note per chart without JavaScript");
        assertEquals(0, count(dom, "<canvas"), "nothing drawn without JavaScript");
          });
  }

  /**
   * The report of a real {@code basin study} directory (sweeps, regularization, baseline, flatness,
   * early stopping, the disconnectivity graph) with a study name holding markup: drawn offline
   * without errors, verdicts first, the name shown as text.
   */
  @Test
  void chromiumDrawsAStudyReport(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "no Chromium at /usr/bin/chromium");
    String name = "tiny <script>alert(1)</script>";
    Path spec = dir.resolve("tiny.yaml");
    Files.writeString(spec, String.join("\n",
        "name: \"" + name + "\"",
        "data: \"spirals:n=60,noise=0.05\"",
        "model: {hidden: [3], activation: tanh, loss: cross-entropy}",
        "l2: 0.001",
        "starts: 20",
        "seed: 2",
        "study: {sweep_starts: 12, width: [2, 3, 4], train_size: [20, 30, 40], l2: [0.001, 0.01], saddles: 4, topology: 3, early_stopping: 4, methods: 4}",
        ""));
    basin.study.StudyDriver.Result r = basin.study.StudyDriver.run(basin.study.StudyPlan.read(spec), dir.resolve("study"),
        new basin.study.LocalStartExecutor(2), null, Map.of());
    Path html = dir.resolve("study-report.html");
    Set<String> expected = new TreeSet<>();
    try (Catalog c = Catalog.open(r.mainCatalog())) {
      ReportDocument doc = StudyReport.builder(c, "2026-12-07T00:00:00Z", "test").build();
      doc.write(html);
      for (Section s : doc.sections()) for (Figure f : s.figures()) if (f.isChart()) expected.add(f.id());
    }
    assertTrue(expected.containsAll(Set.of("growth-width", "growth-train-size", "regularization-sweep", "regularization-scatter")),
        expected.toString());
    assertTrue(Files.size(html) < 2_000_000, Files.size(html) + " bytes");
    openInChromium(dir, html, expected, 1, (page, cdp) -> {
      JsonNode v = page.path("verdicts");
      assertEquals(3, v.size(), v.toString());
      assertEquals("Basin report: " + name, page.path("h1").asText(), "the study name with <script> is shown as text");
      assertFalse(page.path("pwned").asBoolean());
    });
  }

  /** What a test checks on the loaded page, after the checks every report passes. */
  interface PageChecks {
    void check(JsonNode page, Cdp cdp) throws Exception;
  }

  /**
   * Opens the report in headless Chromium (offline, over the DevTools protocol) and checks what every
   * report must satisfy: no console errors or exceptions, no dialog, no request but the file itself,
   * every chart figure drawn with data and a parsing SVG export, the given number of SVG blocks; then
   * runs the test's own checks.
   */
  private static void openInChromium(Path dir, Path html, Set<String> expected, int svgFigures, PageChecks checks) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    long t1 = System.nanoTime();
    // the profile lives outside the test's temporary directory: Chromium's helper processes may still
    // write to it for a moment after the browser exits, and JUnit would then fail to delete the directory
    Path profile = Files.createTempDirectory("basin-chromium-");
    Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
        "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1200,900",
        "about:blank")).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
    try {
      Path portFile = profile.resolve("DevToolsActivePort");
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
        assertTrue(p.isAlive() && System.nanoTime() < end, "Chromium gave no DevTools port: " + Files.readString(dir.resolve("chromium.log")));
        Thread.sleep(100);
      }
      int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
      try (Cdp cdp = Cdp.connectToPage(port)) {
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) cdp.call(domain + ".enable", null);
        cdp.call("Page.navigate", Cdp.params().put("url", html.toUri().toString()));
        cdp.awaitEvent("Page.loadEventFired", 1, Duration.ofSeconds(120));
        long t2 = System.nanoTime();
        JsonNode page = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cdp.evaluate(CHECKS).asText());
        System.out.printf("Chromium start and page load %.1f s, checks %.1f s%n", (t2 - t1) / 1e9, (System.nanoTime() - t2) / 1e9);

        List<String> errors = new ArrayList<>();
        for (JsonNode e : cdp.events("Runtime.exceptionThrown")) errors.add("exception: " + e.path("exceptionDetails"));
        for (JsonNode e : cdp.events("Runtime.consoleAPICalled")) {
          if (Set.of("error", "assert", "warning").contains(e.path("type").asText())) errors.add("console " + e.path("type").asText() + ": " + e.path("args"));
        }
        for (JsonNode e : cdp.events("Log.entryAdded")) {
          if (Set.of("error", "warning").contains(e.path("entry").path("level").asText())) errors.add("log: " + e.path("entry"));
        }
        assertEquals(List.of(), errors, "console errors");
        assertTrue(cdp.events("Page.javascriptDialogOpening").isEmpty(), "a dialog opened: script from the study name ran");

        List<String> requests = new ArrayList<>();
        for (JsonNode e : cdp.events("Network.requestWillBeSent")) requests.add(e.path("request").path("url").asText());
        assertEquals(List.of(html.toUri().toString()), requests.stream().map(u -> u.startsWith("file:") ? html.toUri().toString() : u).distinct().toList(),
            "the only request is the file itself: " + requests);

        Set<String> drawn = new TreeSet<>();
        for (JsonNode f : page.path("figures")) {
          String id = f.path("id").asText();
          drawn.add(id);
          assertTrue(f.path("instance").asBoolean(), id + ": no ECharts instance");
          assertTrue(f.path("width").asInt() > 0 && f.path("height").asInt() > 0, id + ": canvas " + f);
          assertTrue(f.path("boxWidth").asInt() > 300 && f.path("boxHeight").asInt() > 300, id + ": container " + f);
          assertTrue(f.path("ink").asInt() > 2000, id + ": too little drawn " + f);
          assertTrue(f.path("points").asInt() > 0, id + ": no data " + f);
          assertTrue(f.path("svgOk").asBoolean(), id + ": SVG export does not parse: " + f.path("svgText"));
        }
        assertEquals(expected, drawn, "every chart figure is drawn");
        assertEquals(svgFigures, page.path("svgFigures").asInt(), "the SVG blocks are in the page");

        checks.check(page, cdp);
      }
    } finally {
      List<ProcessHandle> helpers = p.descendants().toList();
      p.destroy();
      if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
      helpers.forEach(ProcessHandle::destroyForcibly);
      deleteQuietly(profile);
    }
  }

  /** Deletes a directory tree, ignoring what cannot be deleted (a browser's leftovers in /tmp are harmless). */
  private static void deleteQuietly(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (java.io.IOException | java.io.UncheckedIOException ignored) {
      // best effort
    }
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int k = text.indexOf(needle); k >= 0; k = text.indexOf(needle, k + needle.length())) n++;
    return n;
  }

  /** The page's script elements by kind: figure options, then the two libraries. */
  private static List<String> scriptKinds(JsonNode scripts) {
    List<String> kinds = new ArrayList<>();
    for (JsonNode s : scripts) {
      String k = s.asText().startsWith("option-") ? "option-" : s.asText();
      if (!kinds.contains(k)) kinds.add(k);
    }
    return kinds;
  }
}
