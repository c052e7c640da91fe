/**
 * Data: pick a source, watch it load, and see what was read, what was fixed, and the candles.
 * A cancelled or failed load leaves the dataset loaded before in use, and says so.
 */
import { useDataset } from '../hooks/dataset-context';
import { ProgressBar } from '../components/ProgressBar';
import { SourceForm } from './data/SourceForm';
import { SummaryView } from './data/SummaryView';
import { ValidationTable } from './data/ValidationTable';
import { BarsChart } from './data/BarsChart';
import { CacheList } from './data/CacheList';
import { MappingEditor } from './data/MappingEditor';
import { loadOutcome, stillUsingLine } from './data/load-outcome';
import { FileSymbolEditor } from './data/FileSymbolEditor';
import { hasFileSymbol } from './data/file-symbol';

export function DataPanel() {
  const { state, cancel } = useDataset();
  const outcome = loadOutcome(state);
  return (
    <section className="panel-body">
      <h2>Data</h2>
      <SourceForm />
      {state.status === 'loading' && (
        <ProgressBar label="Loading dataset" progress={state.progress} onCancel={cancel} />
      )}
      {outcome.kind === 'error' && (
        <div role="alert" className="card error" data-testid="data-error">
          {outcome.text}
        </div>
      )}
      {outcome.kind === 'cancelled' && (
        <p role="status" className="card" data-testid="data-cancelled">
          {outcome.text}
        </p>
      )}
      {outcome.kind !== 'none' && (
        <p role="status" className="help" data-testid="data-still-using">
          {stillUsingLine(outcome.stillUsing)}
        </p>
      )}
      {state.loaded && (
        <>
          <SummaryView summary={state.loaded.summary} />
          {hasFileSymbol(state.loaded.summary) && (
            <FileSymbolEditor key={`symbol-${state.loaded.handle}`} summary={state.loaded.summary} />
          )}
          <MappingEditor key={state.loaded.handle} mapping={state.loaded.summary.mapping} />
          <ValidationTable reports={state.loaded.summary.validation} />
          <BarsChart handle={state.loaded.handle} symbols={state.loaded.summary.symbols} />
        </>
      )}
      <CacheList />
    </section>
  );
}
