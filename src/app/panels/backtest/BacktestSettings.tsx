/** The Backtest form's main settings: model, windows, costs, thresholds, symbols, online learning. */
import { CostFields } from '../../components/CostFields';
import { ModelPicker } from '../../components/ModelPicker';
import { SymbolPicker } from '../../components/SymbolPicker';
import { ThresholdFields } from '../../components/ThresholdFields';
import { WindowFields } from '../../components/WindowFields';
import type { ModelListItem } from '../../../core/store/models';
import type { BacktestForm } from './backtest-form';

export interface FormProps {
  form: BacktestForm;
  patch: (p: Partial<BacktestForm>) => void;
  errorOf: (field: string) => string | null;
}

export function BacktestSettings({
  form,
  patch,
  errorOf,
  models,
  symbols,
  chosenSymbols,
  selected,
  onlineCapable,
}: FormProps & {
  models: ModelListItem[] | null;
  symbols: string[];
  chosenSymbols: string[];
  selected: ModelListItem | undefined;
  onlineCapable: boolean;
}) {
  return (
    <>
      <div className="grid3">
        <ModelPicker models={models} value={form.model_id} onChange={(model_id) => patch({ model_id })} />
        <WindowFields value={form} onChange={patch} errorOf={errorOf} />
        <CostFields value={form} onChange={patch} errorOf={errorOf} />
        <ThresholdFields value={form} onChange={patch} errorOf={errorOf} min={0} max={1} what="P(up)" />
      </div>
      <SymbolPicker symbols={symbols} chosen={chosenSymbols} onChange={(v) => patch({ symbols: v })} />
      <div className="row">
        <label className="inline">
          <input
            type="checkbox"
            checked={form.online}
            disabled={!onlineCapable}
            onChange={(e) => patch({ online: e.target.checked })}
          />{' '}
          Enable Online Learning
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.save_updates}
            disabled={!onlineCapable || !form.online}
            onChange={(e) => patch({ save_updates: e.target.checked })}
          />{' '}
          Save Updated Model
        </label>
        {selected && !onlineCapable && (
          <span className="help">{selected.kind} cannot learn online; only sgdc and sgdr can.</span>
        )}
      </div>
    </>
  );
}
