/**
 * The loss area of a training: the curve once there are two or more points, a note after a
 * single epoch, nothing for models that record no loss (random forests, for instance).
 */
import { Chart } from '../../../charts/Chart';
import { lossOption } from '../../../charts/loss';
import { lossView } from './train-view';

export function LossArea({
  history,
  title,
  label,
  testId,
}: {
  history: { loss: (number | null)[]; valLoss?: (number | null)[] } | null | undefined;
  title: string;
  label: string;
  testId: string;
}) {
  const view = lossView(history);
  if (view.show === 'nothing') return null;
  return (
    <div>
      <h4>{title}</h4>
      {view.show === 'one-epoch' ? (
        <p className="help" data-testid={`${testId}-note`}>
          1 epoch: no curve yet.
        </p>
      ) : (
        <Chart option={lossOption(view)} label={label} height={300} testId={testId} />
      )}
    </div>
  );
}
