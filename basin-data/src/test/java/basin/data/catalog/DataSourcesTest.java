package basin.data.catalog;

import static basin.data.Messages.assertInputError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.data.DatasetDescription;
import basin.data.Problem;
import basin.data.Task;
import basin.core.io.Npy;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSourcesTest {
  @TempDir Path dir;

  @Test
  void builtinAndSyntheticNames() {
    assertEquals(150, DataSources.load("iris", LoadOptions.defaults(1)).train().size());
    assertEquals(64, DataSources.load("parity:bits=6", LoadOptions.defaults(1)).train().size());
    Problem g = DataSources.load("gaussians:classes=4, dim=3, n=40, separation=1.5", LoadOptions.defaults(2));
    assertEquals(40, g.train().size());
    assertEquals(3, g.train().inputDim());
    assertEquals(4, g.train().classCount());
    assertEquals(g.train(), DataSources.load("gaussians:classes=4,dim=3,n=40,separation=1.5", LoadOptions.defaults(2)).train());
    assertFalse(g.train().equals(DataSources.load("gaussians:classes=4,dim=3,n=40,separation=1.5", LoadOptions.defaults(3)).train()));
    assertEquals(4, DataSources.load("XOR", LoadOptions.defaults(1)).train().size());
    assertEquals(30, DataSources.load("xor:n=30", LoadOptions.defaults(1)).train().size());
    assertEquals(10, DataSources.load("spirals:n=10,noise=0", LoadOptions.defaults(1)).train().size());
  }

  @Test
  void catalogListsEveryName() {
    List<CatalogEntry> entries = DataSources.catalog();
    assertEquals(List.of("mnist", "iris", "sonar", "spambase", "housing", "xor", "parity", "gaussians", "spirals", "teacher", "autoencoder"),
        entries.stream().map(CatalogEntry::name).toList());
    assertTrue(entries.get(0).render().contains("60000 + 10000 test x 784"));
    assertTrue(entries.get(6).render().contains("bits=4,n=0"));
  }

  @Test
  void describeRendersShapeBalanceAndJson() {
    DatasetDescription d = DataSources.describe("sonar", LoadOptions.defaults(1));
    String text = d.render();
    assertTrue(text.contains("train 208 x 60, no test set"), text);
    assertTrue(text.contains("Mine") && text.contains("111") && text.contains("53.4%"), text);
    assertTrue(text.contains("rapaio-datasets 8.1.0"), text);
    String json = d.toJson();
    assertTrue(json.contains("\"trainClassCounts\" : [ 111, 97 ]"), json);
    assertTrue(json.contains("\"basis\" : \"UNKNOWN\""), json);
  }

  @Test
  void csvPath() throws IOException {
    Path p = dir.resolve("points.csv");
    Files.writeString(p, "x,y,kind\n1,2,b\n3,4,a\n5,6,b\n");
    Problem problem = DataSources.load(p.toString(), LoadOptions.defaults(1));
    assertEquals(List.of("a", "b"), problem.classNames());
    assertArrayEquals(new int[] {1, 0, 1}, problem.train().labels());
    assertTrue(problem.provenance().contains("label column 'kind'"), problem.provenance());
    Path r = dir.resolve("prices.csv");
    Files.writeString(r, "x,y,z\n1,2,0\n3,4,1\n5,6,0\n");
    Problem regression = DataSources.load(r.toString(), LoadOptions.defaults(1).withLabelColumn("y").withTask(Task.REGRESSION));
    assertArrayEquals(new double[] {2, 4, 6}, regression.train().targets());
    assertFalse(regression.train().isClassification());
  }

  @Test
  void idxPathFindsItsLabels() throws IOException {
    Path images = dir.resolve("train-images-idx3-ubyte");
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    Files.write(images, idx(new int[] {2, 2, 2}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7}));
    Files.write(labels, idx(new int[] {2}, new byte[] {1, 0}));
    Problem p = DataSources.load(images.toString(), LoadOptions.defaults(1));
    assertEquals(2, p.imageSide());
    assertArrayEquals(new int[] {1, 0}, p.train().labels());
    Files.delete(labels);
    assertInputError(() -> DataSources.load(images.toString(), LoadOptions.defaults(1)), "train-images-idx3-ubyte",
        "train-labels-idx1-ubyte does not exist");
  }

  @Test
  void npyPair() {
    Path x = dir.resolve("x.npy");
    Path y = dir.resolve("y.npy");
    Npy.write(x, new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
    Npy.writeIntegers(y, new int[] {0, 2, 1});
    Problem p = DataSources.load(x.toString(), LoadOptions.defaults(1).withLabelsPath(y));
    assertEquals(3, p.train().classCount());
    assertEquals(2, p.train().inputDim());
    Npy.writeIntegers(y, new int[] {0, 2});
    assertInputError(() -> DataSources.load(x.toString(), LoadOptions.defaults(1).withLabelsPath(y)), "y.npy", "shape (2,)", "expected (3,)");
    Npy.writeIntegers(y, new int[] {0, 2, 5});
    assertInputError(() -> DataSources.load(x.toString(), LoadOptions.defaults(1).withLabelsPath(y).withClassCount(3)), "y.npy",
        "element (2,) is 5.0", "[0, 3)");
  }

  @Test
  void unknownName() {
    assertInputError(() -> DataSources.load("cifar10", LoadOptions.defaults(1)), "data cifar10: unknown name", "mnist, iris");
  }

  @Test
  void missingPath() {
    Path p = dir.resolve("nothing.csv");
    assertInputError(() -> DataSources.load(p.toString(), LoadOptions.defaults(1)), "nothing.csv", "no such file");
  }

  @Test
  void unknownExtension() throws IOException {
    Path p = dir.resolve("data.xlsx");
    Files.writeString(p, "x");
    assertInputError(() -> DataSources.load(p.toString(), LoadOptions.defaults(1)), "data.xlsx", "unknown file type", ".csv");
  }

  @Test
  void badSyntheticParameters() {
    assertInputError(() -> DataSources.load("parity:width=3", LoadOptions.defaults(1)), "unknown parameter 'width'", "bits, n");
    assertInputError(() -> DataSources.load("parity:bits=three", LoadOptions.defaults(1)), "parity: parameter bits='three'", "integer");
    assertInputError(() -> DataSources.load("iris:n=3", LoadOptions.defaults(1)), "iris takes no parameters");
    assertInputError(() -> DataSources.load("  ", LoadOptions.defaults(1)), "empty name");
  }

  private static byte[] idx(int[] dims, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + payload.length);
    b.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dims.length);
    for (int d : dims) b.putInt(d);
    b.put(payload);
    return b.array();
  }
}
