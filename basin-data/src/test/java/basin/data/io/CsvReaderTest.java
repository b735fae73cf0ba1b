package basin.data.io;

import static basin.data.Messages.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.data.Task;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void categoricalLabelsAreSortedAndNamedColumnIsTheLabel() throws IOException {
    Path p = write("flowers.csv", "a,species,b\n1,virginica,2\n3,setosa,4\n\n5,versicolor,6\n7,setosa,8\n");
    TabularData t = CsvReader.read(p, CsvOptions.defaults().withLabelColumn("species"));
    assertEquals(List.of("setosa", "versicolor", "virginica"), t.classNames());
    assertArrayEquals(new int[] {2, 0, 1, 0}, t.data().labels());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, t.data().inputs());
    assertEquals(List.of("a", "b"), t.featureNames());
    assertEquals("flowers", t.data().name());
  }

  @Test
  void numericLabelsAreSortedByValueNotText() throws IOException {
    Path p = write("n.csv", "x,y\n0.5,10\n0.25,2\n1.5,-1\n2,2\n");
    TabularData t = CsvReader.read(p, CsvOptions.defaults());
    assertEquals(List.of("-1", "2", "10"), t.classNames());
    assertArrayEquals(new int[] {2, 1, 0, 1}, t.data().labels());
  }

  @Test
  void labelColumnByIndexAndRegressionGuessedFromNonIntegers() throws IOException {
    Path p = write("r.csv", "target,x1,x2\n1.5,1,2\n2.25,3,4\n");
    TabularData t = CsvReader.read(p, CsvOptions.defaults().withLabelColumn("0"));
    assertFalse(t.data().isClassification());
    assertArrayEquals(new double[] {1.5, 2.25}, t.data().targets());
    assertArrayEquals(new double[] {1, 2, 3, 4}, t.data().inputs());
  }

  @Test
  void forcedRegressionOnIntegerTargets() throws IOException {
    Path p = write("r.csv", "x,y\n1,3\n2,5\n");
    assertFalse(CsvReader.read(p, CsvOptions.defaults().withTask(Task.REGRESSION)).data().isClassification());
    assertTrue(CsvReader.read(p, CsvOptions.defaults()).data().isClassification());
  }

  @Test
  void quotedFieldsSemicolonsTabsAndGzip() throws IOException {
    Path q = write("q.csv", "\"x, one\",label\n\"1.5\",\"a \"\"b\"\"\"\n2,c\n");
    TabularData t = CsvReader.read(q, CsvOptions.defaults());
    assertEquals(List.of("a \"b\"", "c"), t.classNames());
    assertEquals(List.of("x, one"), t.featureNames());

    Path s = write("s.csv", "x;y;label\n1;2;a\n3;4;b\n");
    assertEquals(2, CsvReader.read(s, CsvOptions.defaults()).data().inputDim());
    Path tab = write("t.tsv", "x\ty\tlabel\n1\t2\ta\n3\t4\tb\n");
    assertEquals(2, CsvReader.read(tab, CsvOptions.defaults()).data().inputDim());

    Path gz = dir.resolve("z.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write("x,label\n1,a\n2,b\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.write(gz, bytes.toByteArray());
    TabularData z = CsvReader.read(gz, CsvOptions.defaults());
    assertEquals(2, z.data().size());
    assertEquals("z", z.data().name());
  }

  @Test
  void classCountKeepsIntegerLabels() throws IOException {
    Path p = write("k.csv", "x,label\n1,3\n2,0\n");
    TabularData t = CsvReader.read(p, CsvOptions.defaults().withClassCount(5));
    assertEquals(5, t.data().classCount());
    assertArrayEquals(new int[] {3, 0}, t.data().labels());
  }

  // ---- bad input: one test per case, each checks the one-line message

  @Test
  void missingFile() {
    Path p = dir.resolve("absent.csv");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "absent.csv", "no such file");
  }

  @Test
  void emptyFile() throws IOException {
    Path p = write("empty.csv", "");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "empty.csv", "file is empty", "expected a header line");
  }

  @Test
  void headerWithoutRows() throws IOException {
    Path p = write("header.csv", "x,y\n\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "header.csv", "no data rows after the header (line 1)");
  }

  @Test
  void raggedRow() throws IOException {
    Path p = write("ragged.csv", "x1,x2,label\n1,2,a\n3,b\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "ragged.csv", "line 3 has 2 fields, expected 3");
  }

  @Test
  void nonNumericCell() throws IOException {
    Path p = write("text.csv", "x1,x2,label\n1,2,a\n3,abc,b\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "text.csv", "line 3", "column 'x2'", "'abc' is not a number", "expected a number");
  }

  @Test
  void javaNumberSuffixIsNotANumber() throws IOException {
    Path p = write("suffix.csv", "x1,label\n1d,a\n3,b\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "suffix.csv", "line 2", "'1d' is not a number");
  }

  @Test
  void emptyCell() throws IOException {
    Path p = write("hole.csv", "x1,x2,label\n1,,a\n3,4,b\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "hole.csv", "line 2", "column 'x2'", "empty cell");
  }

  @Test
  void nanCell() throws IOException {
    Path p = write("nan.csv", "x1,x2,label\n1,2,a\n3,NaN,b\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "nan.csv", "line 3", "column 'x2'", "NaN is not finite", "expected a number");
  }

  @Test
  void infCell() throws IOException {
    Path p = write("inf.csv", "x1,x2,label\n-inf,2,a\n3,4,b\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "inf.csv", "line 2", "column 'x1'", "-inf is not finite");
  }

  @Test
  void nonFiniteRegressionTarget() throws IOException {
    Path p = write("target.csv", "x,y\n1,2.5\n2,Infinity\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults().withTask(Task.REGRESSION)), "target.csv", "line 3", "column 'y'",
        "Infinity is not finite", "regression target");
  }

  @Test
  void labelOutOfRange() throws IOException {
    Path p = write("range.csv", "x,label\n1,0\n2,9\n3,10\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults().withClassCount(10)), "range.csv", "line 4", "column 'label'",
        "label 10 is out of range", "[0, 10)");
  }

  @Test
  void negativeLabelWithClassCount() throws IOException {
    Path p = write("negative.csv", "x,label\n1,-1\n2,1\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults().withClassCount(2)), "negative.csv", "line 2", "label -1 is out of range");
  }

  @Test
  void nanLabel() throws IOException {
    Path p = write("nanlabel.csv", "x,label\n1,a\n2,nan\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "nanlabel.csv", "line 3", "column 'label'", "expected a class label");
  }

  @Test
  void singleClass() throws IOException {
    Path p = write("one.csv", "x,label\n1,a\n2,a\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "one.csv", "column 'label' has one distinct value ('a')", "at least 2 classes");
  }

  @Test
  void unknownLabelColumn() throws IOException {
    Path p = write("cols.csv", "x,y,label\n1,2,a\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults().withLabelColumn("class")), "cols.csv", "line 1",
        "no column named 'class'", "x, y, label");
  }

  @Test
  void labelColumnIndexOutOfRange() throws IOException {
    Path p = write("idx.csv", "x,y,label\n1,2,a\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults().withLabelColumn("3")), "idx.csv", "label column index 3 is out of range", "0..2");
  }

  @Test
  void singleColumn() throws IOException {
    Path p = write("single.csv", "x\n1\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "single.csv", "line 1", "header has 1 column", "at least 2");
  }

  @Test
  void unterminatedQuote() throws IOException {
    Path p = write("quote.csv", "x,label\n\"1,a\n");
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "quote.csv", "line 2", "unterminated quoted field");
  }

  @Test
  void truncatedGzip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      StringBuilder s = new StringBuilder("x,label\n");
      for (int i = 0; i < 2000; i++) s.append(i).append(",").append(i % 2).append('\n');
      out.write(s.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] all = bytes.toByteArray();
    Path p = dir.resolve("cut.csv.gz");
    Files.write(p, Arrays.copyOf(all, all.length / 2));
    assertInputError(() -> CsvReader.read(p, CsvOptions.defaults()), "cut.csv.gz", "gzip stream is truncated");
  }

  @Test
  void directoryIsNotAFile() {
    assertInputError(() -> CsvReader.read(dir, CsvOptions.defaults()), dir.toString(), "is a directory");
  }
}
