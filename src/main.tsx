import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PipelineProvider } from './app/hooks/pipeline-context';
import { DatasetProvider } from './app/hooks/dataset-context';
import { registerServiceWorker, requestPersistentStorage } from './app/pwa';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PipelineProvider>
      <DatasetProvider>
        <App />
      </DatasetProvider>
    </PipelineProvider>
  </StrictMode>,
);

registerServiceWorker();
void requestPersistentStorage();
