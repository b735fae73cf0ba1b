package basin.data.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import basin.core.InputException;
import basin.core.model.Activation;
import basin.core.model.Initializer;
import basin.core.model.Loss;
import basin.core.model.Mlp;
import basin.core.model.MlpObjective;
import basin.data.Problem;
import basin.core.io.Npy;
import basin.data.synthetic.SyntheticProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {

  /** Export then import: the same architecture and bit-identical parameters, so the same loss to the last bit. */
  @Test
  void roundTripKeepsEveryBit(@TempDir Path dir) {
    Problem spirals = SyntheticProblems.twoSpirals(100, 1.5, 0.02, 3);
    Mlp model = new Mlp(new int[] {2, 7, 5, 2}, new Activation[] {Activation.RELU, Activation.TANH}, true);
    double[] w = Initializer.heNormal().initialize(model, 9);
    Path json = ModelFiles.write(dir.resolve("m"), model, w);
    ModelFiles.LoadedModel loaded = ModelFiles.read(json);
    assertEquals(model, loaded.model());
    assertArrayEquals(w, loaded.parameters());
    MlpObjective f = new MlpObjective(model, spirals.train(), Loss.SOFTMAX_CROSS_ENTROPY, 0.0);
    assertEquals(f.value(w), new MlpObjective(loaded.model(), spirals.train(), Loss.SOFTMAX_CROSS_ENTROPY, 0.0).value(loaded.parameters()), 0.0);
  }

  /** A model written by NumPy 1.24.2 (src/test/resources/numpy-model/make_fixture.py): values as the script defines them. */
  @Test
  void readsAModelWrittenByNumpy() throws Exception {
    Path json = Path.of(getClass().getResource("/numpy-model/model.json").toURI());
    ModelFiles.LoadedModel m = ModelFiles.read(json);
    assertEquals(Mlp.of(Activation.TANH, true, 3, 4, 2), m.model());
    double[] w = m.parameters();
    for (int i = 0; i < 12; i++) assertEquals(i / 10.0 - 0.5, w[m.model().weightOffset(1) + i], 0.0, "W1 entry " + i);
    for (int i = 0; i < 8; i++) assertEquals(i / 10.0 - 0.5, w[m.model().weightOffset(2) + i], 0.0, "W2 entry " + i);
    // float32 biases: linspace(-1, 1, 4) = -1, -1/3, 1/3, 1 rounded to float
    assertEquals((double) (float) (-1.0 / 3), w[m.model().biasOffset(1) + 1], 0.0);
    assertEquals(0.5, w[m.model().biasOffset(2) + 1], 0.0);
  }

  @Test
  void weightShapeMismatchNamesTheFile(@TempDir Path dir) {
    Mlp model = Mlp.of(Activation.TANH, true, 3, 4, 2);
    Path json = ModelFiles.write(dir, model, new double[model.parameterCount()]);
    Npy.write(dir.resolve("layer2.weight.npy"), new double[6], 2, 3);
    InputException e = assertThrows(InputException.class, () -> ModelFiles.read(json));
    assertTrue(e.getMessage().contains("layer2.weight.npy") && e.getMessage().contains("(2, 4)"), e.getMessage());
  }

  @Test
  void badJsonFieldsAreNamed(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("model.json");
    Files.writeString(json, "{\"format\": \"basin-mlp\", \"version\": 1, \"widths\": [3, -4, 2], \"activations\": [\"tanh\"], \"bias\": true, \"layers\": []}");
    InputException e = assertThrows(InputException.class, () -> ModelFiles.read(json));
    assertTrue(e.getMessage().contains("widths[1]"), e.getMessage());
    Files.writeString(json, "{\"format\": \"torch\"}");
    e = assertThrows(InputException.class, () -> ModelFiles.read(json));
    assertTrue(e.getMessage().contains("format"), e.getMessage());
    Files.writeString(json, "{not json");
    e = assertThrows(InputException.class, () -> ModelFiles.read(json));
    assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    e = assertThrows(InputException.class, () -> ModelFiles.read(dir.resolve("missing.json")));
    assertTrue(e.getMessage().contains("missing.json"), e.getMessage());
  }
}
