package basin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.model.Activation;
import basin.core.model.Mlp;
import basin.core.io.Npy;
import basin.data.model.ModelFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input file, through the real command line: exit code 2 and one line on stderr
 * that names the file and what is wrong.
 */
class BadInputTest {

  @TempDir
  Path dir;

  private void assertBadInput(String[] args, String... mentioned) {
    CliTest.Run r = CliTest.run(args);
    assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
    String err = r.err().strip();
    assertEquals(1, err.lines().count(), "one line expected: " + err);
    for (String m : mentioned) assertTrue(err.contains(m), "'" + m + "' missing from: " + err);
  }

  private String[] train(Path data, String... more) {
    String[] base = {"train", "--data", data.toString(), "--hidden", "2", "--optimizer", "lbfgs:iterations=5"};
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void missingFile() {
    assertBadInput(train(dir.resolve("absent.csv")), "absent.csv");
  }

  @Test
  void emptyFile() throws Exception {
    assertBadInput(train(write("empty.csv", "")), "empty.csv", "empty");
  }

  @Test
  void raggedRow() throws Exception {
    assertBadInput(train(write("ragged.csv", "a,b,y\n1,2,0\n3,1\n4,5,0\n")), "ragged.csv", "line 3");
  }

  @Test
  void nonNumericCell() throws Exception {
    assertBadInput(train(write("text.csv", "a,b,y\n1,2,0\n3,abc,1\n")), "text.csv", "abc");
  }

  @Test
  void nanAndInfinity() throws Exception {
    assertBadInput(train(write("nan.csv", "a,b,y\n1,2,0\nNaN,1,1\n")), "nan.csv", "NaN");
    assertBadInput(train(write("inf.csv", "a,b,y\n1,2,0\n1,Infinity,1\n")), "inf.csv", "Inf");
  }

  @Test
  void labelOutOfRange() throws Exception {
    Path x = dir.resolve("x.npy");
    Path y = dir.resolve("y.npy");
    Npy.write(x, new double[] {0, 1, 1, 0, 2, 2}, 3, 2);
    Npy.write(y, new double[] {0, 1, 7}, 3);
    CliTest.Run r = CliTest.run(train(x, "--labels", y.toString()));
    // 7 is a valid label when the classes are inferred (k = 8); a negative label never is
    assertEquals(0, r.code(), r.err());
    Npy.write(y, new double[] {0, 1, -1}, 3);
    assertBadInput(train(x, "--labels", y.toString()), "y.npy", "-1");
  }

  @Test
  void idxHeaderThatDoesNotMatchItsLength() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000803);
    out.writeInt(10);
    out.writeInt(2);
    out.writeInt(2);
    out.write(new byte[12]); // 10 images of 2x2 need 40 bytes
    Path images = dir.resolve("t-images-idx3-ubyte");
    Files.write(images, bytes.toByteArray());
    assertBadInput(train(images), "t-images-idx3-ubyte");
  }

  @Test
  void truncatedGzip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      StringBuilder sb = new StringBuilder("a,b,y\n");
      for (int i = 0; i < 2000; i++) sb.append(i).append(',').append(i * 3 % 7).append(',').append(i % 2).append('\n');
      gz.write(sb.toString().getBytes());
    }
    byte[] all = bytes.toByteArray();
    Path p = dir.resolve("cut.csv.gz");
    Files.write(p, Arrays.copyOf(all, all.length / 2));
    assertBadInput(train(p), "cut.csv.gz");
  }

  @Test
  void npyWhoseShapeDoesNotMatchTheArchitecture() throws Exception {
    Mlp model = Mlp.of(Activation.TANH, true, 4, 3, 3);
    Path m = ModelFiles.write(dir.resolve("model"), model, new double[model.parameterCount()]);
    Npy.write(dir.resolve("model/layer1.weight.npy"), new double[8], 2, 4);
    assertBadInput(new String[] {"train", "--data", "iris", "--init-from", m.toString()}, "layer1.weight.npy", "(3, 4)");
  }

  @Test
  void savedModelOfTheWrongInputWidth() throws Exception {
    Mlp model = Mlp.of(Activation.TANH, true, 5, 3, 3);
    Path m = ModelFiles.write(dir.resolve("model5"), model, new double[model.parameterCount()]);
    assertBadInput(new String[] {"train", "--data", "iris", "--init-from", m.toString()}, "input width 5", "iris");
  }
}
