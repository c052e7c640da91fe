/** The Tune form's settings: model kind, sampler, pruner, budget, seed, objective, periods, costs, constraints. */
import { CostFields } from '../../components/CostFields';
import { Field } from '../../components/Field';
import { SymbolPicker } from '../../components/SymbolPicker';
import { MODEL_INFO } from '../../../core/models/catalog';
import type { ModelKind } from '../../../core/models/types';
import { TUNE_OBJECTIVES, type TuneObjective } from '../../../core/tune/objective';
import { defaultSpace } from '../../../core/tune/space';
import { PeriodFields } from './PeriodFields';
import { Select } from './Select';
import type { TuneForm } from './tune-form';

export interface TuneFormProps {
  form: TuneForm;
  patch: (p: Partial<TuneForm>) => void;
  errorOf: (field: string) => string | null;
}

// an ensemble is built from saved models on the Models panel, not tuned from a space
const KINDS = (Object.keys(MODEL_INFO) as ModelKind[]).filter((k) => MODEL_INFO[k].family !== 'ensemble');

export function TuneSettings({ form, patch, errorOf, symbols }: TuneFormProps & { symbols: string[] }) {
  const changeModel = (model: ModelKind) => {
    const regression = MODEL_INFO[model].task === 'regression';
    const objective: TuneObjective = regression
      ? form.objective === 'log_loss' || form.objective === 'auc'
        ? 'ic'
        : form.objective
      : form.objective === 'ic'
        ? 'log_loss'
        : form.objective;
    patch({ model, space: defaultSpace(model), objective });
  };
  const int = (v: string) => Math.max(0, Math.round(Number(v)));
  return (
    <>
      <div className="grid3">
        <Select
          label="Model kind"
          value={form.model}
          options={KINDS}
          onChange={changeModel}
          error={errorOf('model')}
        />
        <Select
          label="Sampler"
          value={form.sampler}
          options={['tpe', 'random'] as const}
          onChange={(sampler) => patch({ sampler })}
          error={errorOf('sampler')}
        />
        <Select
          label="Pruner"
          value={form.pruner}
          options={['asha', 'none'] as const}
          onChange={(pruner) => patch({ pruner })}
          error={errorOf('pruner')}
        />
        <Field
          label="Trials"
          type="number"
          min={1}
          value={form.trials}
          error={errorOf('trials')}
          hint="The budget: configurations to try."
          onChange={(e) => patch({ trials: int(e.target.value) })}
        />
        <Field
          label="Parallel trials"
          type="number"
          min={1}
          value={form.batch_size}
          error={errorOf('batch_size')}
          hint="Trials sampled together; the study depends on this, not on your cores."
          onChange={(e) => patch({ batch_size: int(e.target.value) })}
        />
        <Field
          label="Seed"
          type="number"
          min={0}
          value={form.seed}
          error={errorOf('seed')}
          onChange={(e) => patch({ seed: int(e.target.value) })}
        />
        <Select
          label="Objective"
          value={form.objective}
          options={TUNE_OBJECTIVES}
          onChange={(objective) => patch({ objective })}
          error={errorOf('objective')}
        />
        <PeriodFields form={form} patch={patch} errorOf={errorOf} />
        <CostFields value={form} onChange={patch} errorOf={errorOf} />
        <Field
          label="Max drawdown (constraint)"
          value={form.max_drawdown}
          error={errorOf('constraints.max_drawdown')}
          hint="e.g. -0.2; blank: none"
          onChange={(e) => patch({ max_drawdown: e.target.value })}
        />
        <Field
          label="Min trades (constraint)"
          value={form.min_trades}
          error={errorOf('constraints.min_trades')}
          hint="blank: none"
          onChange={(e) => patch({ min_trades: e.target.value })}
        />
      </div>
      <SymbolPicker
        symbols={symbols}
        chosen={form.symbols.length ? form.symbols : symbols.slice(0, 1)}
        onChange={(v) => patch({ symbols: v })}
      />
    </>
  );
}
