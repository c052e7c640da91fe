/** Data: pick a source, watch it load, and see what was read, what was fixed, and the candles. */
import { useDataset } from '../hooks/dataset-context';
import { ProgressBar } from '../components/ProgressBar';
import { SourceForm } from './data/SourceForm';
import { SummaryView } from './data/SummaryView';
import { ValidationTable } from './data/ValidationTable';
import { BarsChart } from './data/BarsChart';
import { CacheList } from './data/CacheList';
import { MappingEditor } from './data/MappingEditor';

export function DataPanel() {
  const { state, cancel } = useDataset();
  return (
    <section className="panel-body">
      <h2>Data</h2>
      <SourceForm />
      {state.status === 'loading' && (
        <ProgressBar label="Loading dataset" progress={state.progress} onCancel={cancel} />
      )}
      {state.status === 'error' && (
        <div role="alert" className="card error" data-testid="data-error">
          <strong>The dataset could not be loaded.</strong> {state.error}
        </div>
      )}
      {state.loaded && (
        <>
          <SummaryView summary={state.loaded.summary} />
          <MappingEditor key={state.loaded.handle} mapping={state.loaded.summary.mapping} />
          <ValidationTable reports={state.loaded.summary.validation} />
          <BarsChart handle={state.loaded.handle} symbols={state.loaded.summary.symbols} />
        </>
      )}
      <CacheList />
    </section>
  );
}
