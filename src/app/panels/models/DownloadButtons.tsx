/** Download one item's files one by one, or all of them as a zip bundle. */
import { useEffect, useState } from 'react';
import { usePipeline } from '../../hooks/pipeline-context';
import { errorMessage, formatBytes } from '../../format';
import { saveBytes } from '../../download';

export function DownloadButtons({ kind, id }: { kind: 'model' | 'artifact'; id: string }) {
  const { client } = usePipeline();
  const [files, setFiles] = useState<Record<string, Uint8Array> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    const p = kind === 'model' ? client.api.exports.modelFiles(id) : client.api.exports.artifactFiles(id);
    p.then((f) => !stale && setFiles(f)).catch((e) => !stale && setError(errorMessage(e)));
    return () => {
      stale = true;
    };
  }, [client, kind, id]);

  const bundle = async () => {
    try {
      const bytes = await client.api.exports.bundle(
        kind === 'model' ? { models: [id] } : { artifacts: [id] },
      );
      saveBytes(bytes, `${id}.zip`, 'application/zip');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // a neural model's files are a TensorFlow.js Layers model (tf.loadLayersModel reads the pair)
  const layersPair = kind === 'model' && files ? tfjsLayersPair(files) : null;

  return (
    <div className="card" data-testid="downloads">
      <h3>Files</h3>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="actions">
        {files &&
          Object.entries(files).map(([name, bytes]) => (
            <button key={name} type="button" onClick={() => saveBytes(bytes, name.split('/').pop() ?? name)}>
              {name.split('/').pop()} ({formatBytes(bytes.byteLength)})
            </button>
          ))}
        {layersPair && (
          <button
            type="button"
            data-testid="download-tfjs"
            title="model.json and weights.bin, as tf.loadLayersModel reads them"
            onClick={() => layersPair.forEach(([name, bytes]) => saveBytes(bytes, name))}
          >
            TensorFlow.js Layers model (model.json + weights.bin)
          </button>
        )}
        <button type="button" className="primary" onClick={() => void bundle()}>
          Download bundle (.zip)
        </button>
      </div>
    </div>
  );
}

/** model.json and weights.bin when model.json is a TensorFlow.js Layers model, else null. */
function tfjsLayersPair(files: Record<string, Uint8Array>): [string, Uint8Array][] | null {
  const json = Object.entries(files).find(([n]) => n.endsWith('model.json'));
  const weights = Object.entries(files).find(([n]) => n.endsWith('weights.bin'));
  if (!json || !weights) return null;
  try {
    const parsed = JSON.parse(new TextDecoder().decode(json[1])) as { format?: unknown };
    if (parsed.format !== 'layers-model') return null;
  } catch {
    return null;
  }
  return [
    ['model.json', json[1]],
    ['weights.bin', weights[1]],
  ];
}
