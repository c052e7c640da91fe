/** The saved models, newest first (null while the list loads; empty when it cannot be read). */
import { useEffect, useState } from 'react';
import type { ModelListItem } from '../../../core/store/models';
import { usePipeline } from '../../hooks/pipeline-context';

export function useSavedModels(enabled: boolean): ModelListItem[] | null {
  const { client } = usePipeline();
  const [models, setModels] = useState<ModelListItem[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    client.api.models.list().then(
      (l) => live && setModels(l),
      () => live && setModels([]),
    );
    return () => {
      live = false;
    };
  }, [client, enabled]);
  return models;
}
