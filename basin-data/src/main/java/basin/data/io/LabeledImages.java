package basin.data.io;

import basin.core.data.Dataset;
import java.util.List;

/**
 * Images with class labels, read from an IDX pair.
 *
 * @param data one row per image, pixels row by row
 * @param rows image height (1 for 1-d items)
 * @param cols image width
 * @param classNames "0", "1", ... one per class
 */
public record LabeledImages(Dataset data, int rows, int cols, List<String> classNames) {
  public LabeledImages {
    classNames = List.copyOf(classNames);
  }

  /** The side of square images, 0 when they are not square. */
  public int squareSide() {
    return rows == cols ? rows : 0;
  }
}
