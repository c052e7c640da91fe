/// <reference lib="webworker" />
/** The pipeline worker: heavy work (data, features, training, backtests) off the UI thread. */
import { expose } from 'comlink';
import { installForestPool } from './forest-pool';
import { installErrorTransfer } from './env/errors';
import { api } from './pipeline-api';

installErrorTransfer(); // coded errors keep their class on the UI side
installForestPool(); // rfc fits use the forest worker pool

expose(api);
