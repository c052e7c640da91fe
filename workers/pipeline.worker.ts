/// <reference lib="webworker" />
/** The pipeline worker: heavy work (data, features, training, backtests) off the UI thread. */
import { expose } from 'comlink';
import { installForestPool } from './forest-pool';
import { api } from './pipeline-api';

installForestPool(); // rfc fits use the forest worker pool

expose(api);
