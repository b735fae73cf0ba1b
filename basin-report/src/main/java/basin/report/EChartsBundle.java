package basin.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The scripts a report inlines: Apache ECharts (the minified bundle of the
 * {@code org.webjars.npm:echarts} jar on the classpath, never a copy in this repository) and the
 * report's own start-up script ({@code report.js} beside this class). Read once and kept. Each is
 * checked to be there and to hold no {@code </script} or {@code <!--}, which would end or upset the
 * script element it is inlined into.
 */
final class EChartsBundle {
  /** The ECharts version the report inlines (the webjar's version in basin-report's pom). */
  static final String VERSION = "5.3.1";
  static final String RESOURCE = "/META-INF/resources/webjars/echarts/" + VERSION + "/dist/echarts.min.js";

  private static volatile String echarts;
  private static volatile String reportJs;

  private EChartsBundle() {}

  /** echarts.min.js. */
  static String echarts() {
    String s = echarts;
    if (s == null) {
      s = read(RESOURCE, "ECharts " + VERSION + " (org.webjars.npm:echarts:" + VERSION + ")");
      if (s.length() < 100_000 || !s.contains("echarts")) {
        throw new IllegalStateException(RESOURCE + ": " + s.length() + " characters, not the ECharts bundle");
      }
      echarts = s;
    }
    return s;
  }

  /** The report's start-up script: draws every chart, adds the SVG button, the tooltips and the resize handling. */
  static String reportJs() {
    String s = reportJs;
    if (s == null) {
      s = read("/basin/report/report.js", "the report's script");
      reportJs = s;
    }
    return s;
  }

  private static String read(String resource, String what) {
    try (InputStream in = EChartsBundle.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(what + " is not on the classpath: expected the resource " + resource);
      String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.contains("</script") || lower.contains("<!--")) {
        throw new IllegalStateException(resource + " holds </script or <!--: it cannot be inlined into a script element");
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }
}
