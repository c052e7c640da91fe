/** The line under the form that says how many folds and candidates a run would take, or why none fits. */
import { formatInt } from '../../format';
import type { FoldPreview } from './use-fold-preview';

/** candidates the GA evaluates: the first generation whole, then all but the two elite per generation */
export function candidatesOf(p: FoldPreview, population: number, generations: number): number {
  return p.folds * (population + Math.max(0, generations - 1) * (population - 2));
}

export function FoldPreviewLine({
  preview,
  error,
  population,
  generations,
}: {
  preview: FoldPreview | null;
  error: string | null;
  population: number;
  generations: number;
}) {
  let text = error ?? 'Windows: durations like 365d, 90d, 12h, 4w, or a bar count.';
  if (preview && preview.folds > 0) {
    const latest = preview.planned > preview.folds ? ` (latest of ${preview.planned})` : '';
    text =
      `${preview.folds} fold(s)${latest} of ${formatInt(preview.trainBars)} training and ` +
      `${formatInt(preview.testBars)} test bars · about ` +
      `${formatInt(candidatesOf(preview, population, generations))} candidates.`;
  }
  return (
    <p className="help" data-testid="ga-fold-preview" aria-live="polite">
      {text}
    </p>
  );
}
