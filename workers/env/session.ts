/** The pipeline worker's loaded datasets (bars stay here; the UI holds handles). */
import { DatasetSession } from '../../src/core/pipeline/datasets';

export const datasets = new DatasetSession();
