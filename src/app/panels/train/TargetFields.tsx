/** What the model predicts: the task, the kind of labels (and the HOLD band) and the horizon. */
import { useId } from 'react';
import { Field } from '../../components/Field';
import type { TrainForm } from './train-form';

export function TargetFields({
  form,
  onChange,
  errorOf,
}: {
  form: TrainForm;
  onChange: (patch: Partial<TrainForm>) => void;
  /** the message of a request check that named this field */
  errorOf?: (field: string) => string | null;
}) {
  const id = useId();
  const classification = form.task === 'classification';
  return (
    <>
      <div>
        <label htmlFor={`${id}-task`}>Task</label>
        <select
          id={`${id}-task`}
          value={form.task}
          aria-describedby={`${id}-task-hint`}
          title="Classification predicts the direction of the move over the horizon; regression predicts its size (the forward log return)."
          onChange={(e) => {
            const task = e.target.value as TrainForm['task'];
            onChange({ task, model: task === 'regression' ? 'gbr' : 'gbc' });
          }}
        >
          <option value="classification">Classification</option>
          <option value="regression">Regression (forward log return)</option>
        </select>
        <small id={`${id}-task-hint`} className="hint">
          direction, or size of the move
        </small>
      </div>
      {classification && (
        <div>
          <label htmlFor={`${id}-labels`}>Labels</label>
          <select
            id={`${id}-labels`}
            value={form.label_kind}
            aria-describedby={`${id}-labels-hint`}
            title="Up / down: did the close rise over the horizon. BUY / SELL / HOLD: HOLD when the move stays inside the band."
            onChange={(e) => onChange({ label_kind: e.target.value as TrainForm['label_kind'] })}
          >
            <option value="binary">Up / down</option>
            <option value="ternary">BUY / SELL / HOLD</option>
          </select>
          <small id={`${id}-labels-hint`} className="hint">
            two classes, or three with a HOLD band
          </small>
        </div>
      )}
      {classification && form.label_kind === 'ternary' && (
        <Field
          label="HOLD band (± % forward return; default 0.5)"
          hint="moves smaller than this are HOLD"
          type="number"
          step="0.05"
          min="0"
          value={form.label_threshold_pct}
          error={errorOf?.('label_threshold')}
          onChange={(e) => onChange({ label_threshold_pct: Number(e.target.value) })}
        />
      )}
      <Field
        label="Target horizon (bars)"
        hint="bars ahead each label looks (12 on 1h bars = 12 hours)"
        type="number"
        min={1}
        value={form.target_horizon}
        error={errorOf?.('target_horizon')}
        onChange={(e) => onChange({ target_horizon: Math.round(Number(e.target.value)) })}
      />
    </>
  );
}
