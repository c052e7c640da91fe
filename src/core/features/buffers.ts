/**
 * FeatureBuffers: output memory that computeFeatures can write into from call to call
 * (`computeFeatures(bars, { out })`) instead of fresh columns. Touching freshly allocated memory
 * costs more than computing the features, so a caller that recomputes features over and over
 * (the live engine, on every bar) keeps one of these. A frame computed into it views its
 * buffers: it holds until the next computation into the same buffers, which overwrites it.
 */
export class FeatureBuffers {
  private columns: Float64Array[] = [];
  private validRows = new Uint8Array(0);

  /** Column j with room for `rows` rows (grown with some headroom, so a window that grows bar by bar rarely reallocates). */
  column(j: number, rows: number): Float64Array {
    let c = this.columns[j];
    if (!c || c.length < rows) this.columns[j] = c = new Float64Array(withHeadroom(rows));
    return c.subarray(0, rows);
  }

  /** The validity flags with room for `rows` rows. */
  valid(rows: number): Uint8Array {
    if (this.validRows.length < rows) this.validRows = new Uint8Array(withHeadroom(rows));
    return this.validRows.subarray(0, rows);
  }
}

const withHeadroom = (rows: number) => rows + (rows >> 4) + 64;
