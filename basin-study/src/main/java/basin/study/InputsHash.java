package basin.study;

import basin.core.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a subject's inputs, fed field by field in a fixed order (lengths included, so concatenations cannot collide). */
final class InputsHash {
  private final MessageDigest digest;
  private final ByteBuffer buffer = ByteBuffer.allocate(8);

  InputsHash() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  InputsHash text(String s) {
    byte[] b = (s == null ? "\0null" : s).getBytes(StandardCharsets.UTF_8);
    integer(b.length);
    digest.update(b);
    return this;
  }

  InputsHash integer(long v) {
    buffer.clear();
    buffer.putLong(v);
    digest.update(buffer.array(), 0, 8);
    return this;
  }

  InputsHash doubles(double[] values) {
    if (values == null) return integer(-1);
    integer(values.length);
    for (double v : values) integer(Double.doubleToRawLongBits(v));
    return this;
  }

  InputsHash integers(int[] values) {
    if (values == null) return integer(-1);
    integer(values.length);
    for (int v : values) integer(v);
    return this;
  }

  InputsHash dataset(Dataset d) {
    if (d == null) return text("no data set");
    integer(d.size()).integer(d.inputDim()).doubles(d.inputs());
    integer(d.classCount()).integers(d.labels()).integer(d.targetDim()).doubles(d.targets());
    return this;
  }

  String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
