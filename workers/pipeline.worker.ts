/// <reference lib="webworker" />
/** The pipeline worker: heavy work (data, features, training, backtests) off the UI thread. */
import { expose } from 'comlink';
import { api } from './pipeline-api';

expose(api);
