/**
 * The optimizer's settings form: signals, symbol, objective and constraints, GA size, folds,
 * costs and thresholds, the fold preview and Run. Every field's error stands beside it; an
 * error that names no field (no dataset yet) stands above the Run button.
 */
import type { FormEvent } from 'react';
import { datasetLine, type DatasetReadiness } from '../../readiness';
import { FoldFields } from './FoldFields';
import { FoldPreviewLine } from './FoldPreviewLine';
import { GaFields } from './GaFields';
import { ObjectiveFields } from './ObjectiveFields';
import type { OptimizeForm } from './optimize-form';
import { SignalPicker } from './SignalPicker';
import { SymbolSelect } from './SymbolSelect';
import { TradingFields } from './TradingFields';
import type { FoldPreview } from './use-fold-preview';

export function OptimizeSettings({
  form,
  onChange,
  errorOf,
  notice,
  dataset,
  symbols,
  symbol,
  preview,
  running,
  onRun,
}: {
  form: OptimizeForm;
  onChange: (patch: Partial<OptimizeForm>) => void;
  /** the message of a check that named this field (request names) */
  errorOf: (field: string) => string | null;
  /** a message that names no field */
  notice: string | null;
  dataset: DatasetReadiness;
  symbols: readonly string[];
  /** the symbol a run uses (the form's, or the dataset's first) */
  symbol: string;
  preview: { preview: FoldPreview | null; error: string | null };
  running: boolean;
  onRun: () => void;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun();
  };
  return (
    <form className="card" noValidate onSubmit={submit} aria-label="Signal weight optimizer settings">
      <p className="help">
        Dataset: {dataset.loaded ? <strong>{datasetLine(dataset)}</strong> : datasetLine(dataset)}. A genetic
        algorithm weights normalised signals into one score that drives long / flat positions through the
        backtest&apos;s own execution and costs. Each walk-forward fold optimises on its training window only
        and is then judged on the test window that follows.
      </p>
      <SignalPicker
        value={form.signal_names}
        onChange={(signal_names) => onChange({ signal_names })}
        error={errorOf('signal_names')}
        model={{ use_model: form.use_model, model_id: form.model_id }}
        onModelChange={onChange}
        modelError={errorOf('model_id')}
      />
      <div className="grid3">
        <SymbolSelect
          symbols={symbols}
          value={symbol}
          onChange={(s) => onChange({ symbol: s })}
          error={errorOf('symbol')}
        />
        <ObjectiveFields value={form} onChange={onChange} errorOf={errorOf} />
        <GaFields value={form} onChange={onChange} errorOf={errorOf} />
        <FoldFields value={form} onChange={onChange} errorOf={errorOf} />
      </div>
      <TradingFields value={form} onChange={onChange} errorOf={errorOf} />
      <FoldPreviewLine
        preview={preview.preview}
        error={preview.error}
        population={form.population}
        generations={form.generations}
      />
      {notice && (
        <p role="alert" className="error">
          {notice}
        </p>
      )}
      <button type="submit" className="primary" disabled={running || !dataset.loaded}>
        Run Optimizer
      </button>
    </form>
  );
}
