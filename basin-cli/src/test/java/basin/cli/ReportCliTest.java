package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code basin report} through the real CLI in a real process: a study whose name holds a script
 * tag, sampled, then reported twice; the page inlines ECharts once, shows the name escaped, stays
 * small, and rebuilds from the catalog (no recomputation: only the generation time differs); a
 * report that cannot be written is one line and exit code 2.
 */
class ReportCliTest {

  @Test
  void writesAnInteractiveReportAndRebuildsIt(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("mb.yaml");
    Files.writeString(spec, "name: \"mb <script>alert(1)</script>\"\nobjective: muller-brown\nstarts: 12\nseed: 3\n");
    Path db = dir.resolve("mb.db");
    assertEquals(0, CliTest.run("sample", spec.toString(), "--catalog", db.toString(), "--quiet").code());

    Path out = dir.resolve("out/report.html");
    ProcessCli.Result r = ProcessCli.run(dir, "report", db.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("wrote " + out, r.out().strip());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(html.indexOf("<script id=\"echarts-lib\">"), html.lastIndexOf("<script id=\"echarts-lib\">"), "ECharts inlined once");
    assertTrue(html.contains("<h1>Basin report: mb &lt;script&gt;alert(1)&lt;/script&gt;</h1>"), "the name escaped");
    assertFalse(html.contains("<script>alert(1)"), "the name never as markup");
    assertTrue(html.contains("basin flatness mb.db"), "flatness not run, with its command");
    long bytes = Files.size(out);
    assertTrue(bytes < 1_500_000, bytes + " bytes");

    ProcessCli.Result again = ProcessCli.run(dir, "report", db.toString(), "--out", out.toString());
    assertEquals(0, again.code(), again.err());
    String second = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(withoutGenerationTime(html), withoutGenerationTime(second), "the same report from the same catalog");

    Files.writeString(dir.resolve("file"), "x");
    ProcessCli.Result bad = ProcessCli.run(dir, "report", db.toString(), "--out", dir.resolve("file/report.html").toString());
    assertEquals(2, bad.code(), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertTrue(bad.err().contains("--out"), bad.err());
  }

  private static String withoutGenerationTime(String html) {
    return html.replaceAll("<th>report generated \\(UTC\\)</th><td>[^<]*</td>", "")
        .replaceAll("report%20generated%20%28UTC%29,.*?%0D%0A", "");
  }
}
