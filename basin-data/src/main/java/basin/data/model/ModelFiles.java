package basin.data.model;

import basin.core.InputException;
import basin.core.model.Activation;
import basin.core.model.Mlp;
import basin.core.io.Npy;
import basin.core.io.NpyArray;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An MLP's architecture and weights on disk: a JSON file naming the architecture and one NumPy
 * {@code .npy} file per weight matrix and bias vector, so that a model trained in PyTorch can be
 * brought to Basin in a few lines and Basin's parameters can be loaded in NumPy.
 *
 * <pre>
 * {
 *   "format": "basin-mlp", "version": 1,
 *   "widths": [4, 8, 3],            // d_0 (inputs), hidden widths, d_L (outputs)
 *   "activations": ["tanh"],        // one per hidden layer
 *   "bias": true,
 *   "layers": [ {"weight": "layer1.weight.npy", "bias": "layer1.bias.npy"},
 *               {"weight": "layer2.weight.npy", "bias": "layer2.bias.npy"} ]
 * }
 * </pre>
 * Layer l's weight file holds a float64 (or float32) array of shape (d_l, d_{l-1}), exactly
 * PyTorch's {@code nn.Linear.weight}; its bias file shape (d_l,). Paths are relative to the JSON
 * file. docs/model-files.md shows the PyTorch export.
 */
public final class ModelFiles {
  private ModelFiles() {}

  /** The format name written in and required of the JSON. */
  public static final String FORMAT = "basin-mlp";
  /** The format version this code writes and reads. */
  public static final int VERSION = 1;

  /** An architecture and its flat parameter vector (layout of {@link Mlp}). */
  public record LoadedModel(Mlp model, double[] parameters) {}

  /** Writes {@code dir/model.json} and the layer files; returns the JSON's path. */
  public static Path write(Path dir, Mlp model, double[] w) {
    if (w.length != model.parameterCount()) {
      throw new IllegalArgumentException("parameter vector has length " + w.length + ", " + model.describe() + " has " + model.parameterCount());
    }
    try {
      Files.createDirectories(dir);
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = mapper.createObjectNode();
      root.put("format", FORMAT);
      root.put("version", VERSION);
      ArrayNode widths = root.putArray("widths");
      for (int x : model.widths()) widths.add(x);
      ArrayNode acts = root.putArray("activations");
      for (Activation a : model.activations()) acts.add(a.label());
      root.put("bias", model.bias());
      ArrayNode layers = root.putArray("layers");
      for (int l = 1; l <= model.layerCount(); l++) {
        int o = model.width(l);
        int in = model.width(l - 1);
        ObjectNode layer = layers.addObject();
        String weightName = "layer" + l + ".weight.npy";
        double[] weight = new double[o * in];
        System.arraycopy(w, model.weightOffset(l), weight, 0, weight.length);
        Npy.write(dir.resolve(weightName), weight, o, in);
        layer.put("weight", weightName);
        if (model.bias()) {
          String biasName = "layer" + l + ".bias.npy";
          double[] bias = new double[o];
          System.arraycopy(w, model.biasOffset(l), bias, 0, o);
          Npy.write(dir.resolve(biasName), bias, o);
          layer.put("bias", biasName);
        }
      }
      Path json = dir.resolve("model.json");
      mapper.writeValue(json.toFile(), root);
      return json;
    } catch (IOException e) {
      throw new InputException(dir + ": cannot write the model (" + e.getMessage() + ")", e);
    }
  }

  /** Reads a model written by {@link #write} or by the PyTorch recipe in docs/model-files.md. */
  public static LoadedModel read(Path json) {
    if (!Files.isRegularFile(json)) throw new InputException(json + ": no such model file, expected a basin-mlp JSON file");
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json.toFile());
    } catch (JsonProcessingException e) {
      throw new InputException(json + ": not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ")");
    } catch (IOException e) {
      throw new InputException(json + ": cannot read (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) throw new InputException(json + ": expected a JSON object with format \"" + FORMAT + "\"");
    if (!FORMAT.equals(root.path("format").asText(null))) {
      throw new InputException(json + ": field format is " + root.path("format") + ", expected \"" + FORMAT + "\"");
    }
    if (root.path("version").asInt(-1) != VERSION) {
      throw new InputException(json + ": field version is " + root.path("version") + ", expected " + VERSION);
    }
    JsonNode widthsNode = root.path("widths");
    if (!widthsNode.isArray() || widthsNode.size() < 2) {
      throw new InputException(json + ": field widths must be an array of at least 2 positive integers, got " + widthsNode);
    }
    int[] widths = new int[widthsNode.size()];
    for (int i = 0; i < widths.length; i++) {
      JsonNode v = widthsNode.get(i);
      if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
        throw new InputException(json + ": widths[" + i + "] is " + v + ", expected a positive integer");
      }
      widths[i] = v.asInt();
    }
    JsonNode actsNode = root.path("activations");
    if (!actsNode.isArray() || actsNode.size() != widths.length - 2) {
      throw new InputException(json + ": field activations must list " + (widths.length - 2) + " activations (one per hidden layer), got " + actsNode);
    }
    Activation[] acts = new Activation[widths.length - 2];
    for (int i = 0; i < acts.length; i++) {
      try {
        acts[i] = Activation.parse(actsNode.get(i).asText());
      } catch (IllegalArgumentException e) {
        throw new InputException(json + ": activations[" + i + "]: " + e.getMessage());
      }
    }
    JsonNode biasNode = root.path("bias");
    if (!biasNode.isBoolean()) throw new InputException(json + ": field bias is " + biasNode + ", expected true or false");
    Mlp model = new Mlp(widths, acts, biasNode.asBoolean());
    JsonNode layers = root.path("layers");
    if (!layers.isArray() || layers.size() != model.layerCount()) {
      throw new InputException(json + ": field layers must list " + model.layerCount() + " layers, got " + layers);
    }
    double[] w = new double[model.parameterCount()];
    Path base = json.toAbsolutePath().getParent();
    for (int l = 1; l <= model.layerCount(); l++) {
      JsonNode layer = layers.get(l - 1);
      int o = widths[l];
      int in = widths[l - 1];
      NpyArray weight = readArray(json, base, layer, "weight", l, o, in);
      System.arraycopy(weight.data(), 0, w, model.weightOffset(l), o * in);
      if (model.bias()) {
        NpyArray bias = readArray(json, base, layer, "bias", l, o);
        System.arraycopy(bias.data(), 0, w, model.biasOffset(l), o);
      } else if (layer.has("bias")) {
        throw new InputException(json + ": layers[" + (l - 1) + "] has a bias file but field bias is false");
      }
    }
    return new LoadedModel(model, w);
  }

  private static NpyArray readArray(Path json, Path base, JsonNode layer, String field, int l, int... shape) {
    JsonNode name = layer.path(field);
    if (!name.isTextual()) throw new InputException(json + ": layers[" + (l - 1) + "]." + field + " is " + name + ", expected a .npy file name");
    Path file = base.resolve(name.asText());
    return Npy.read(file, shape);
  }
}
