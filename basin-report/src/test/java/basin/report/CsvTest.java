package basin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV fields and data: URIs. */
class CsvTest {

  @Test
  void fieldsAreQuotedAndFormulasDefused() {
    assertEquals("plain", Csv.field("plain"));
    assertEquals("\"a,b\"", Csv.field("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
    assertEquals("\"two\nlines\"", Csv.field("two\nlines"));
    assertEquals("'=HYPERLINK(1)", Csv.field("=HYPERLINK(1)"));
    assertEquals("'@SUM(A1)", Csv.field("@SUM(A1)"));
    assertEquals("-0.5", Csv.field("-0.5"), "a negative number stays a number");
    assertEquals("-1.0E-7", Csv.field("-1.0E-7"));
    assertEquals("'-inf", Csv.field("-inf"), "not a number Java parses");
    assertEquals("", Csv.field(null));
  }

  @Test
  void dataUriRoundTripsAndIsSafeInAnAttribute() {
    String csv = Csv.of(List.of("name", "value"), List.of(List.of("<a href=\"x\">&amp;</a>", "1.5"), List.of("ü 😀 %", "-2")));
    String uri = Csv.dataUri(csv);
    assertTrue(uri.matches("data:text/csv;charset=utf-8,[A-Za-z0-9._~,%-]*"), uri);
    assertEquals(csv, Pages.decodeDataUri(uri));
    assertEquals("name,value\r\n\"<a href=\"\"x\"\">&amp;</a>\",1.5\r\nü 😀 %,-2\r\n", csv);
  }

  @Test
  void tableCsvKeepsFullPrecision() {
    ReportTable t = ReportTable.builder("t", "x", "label").row(ReportTable.Cell.num(Math.PI), ReportTable.Cell.text("a"))
        .row(ReportTable.Cell.num(Double.NaN), ReportTable.Cell.text(null)).build();
    assertEquals("3.142", t.rows().get(0).get(0).text());
    assertEquals("x,label\r\n3.141592653589793,a\r\n,\r\n", t.csv());
  }
}
