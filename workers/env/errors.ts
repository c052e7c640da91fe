/**
 * Errors keep their class across a worker boundary: comlink's 'throw' handler only keeps an
 * Error's message and name, so it is replaced (on both sides) by one that sends the coded
 * payload of src/core/errors.ts and rebuilds the same class on the receiving side. The UI can
 * then tell an InputError (shown beside its field) from a fault.
 */
import { transferHandlers } from 'comlink';
import { fromErrorPayload, toErrorPayload, type ErrorPayload } from '../../src/core/errors';

export function installErrorTransfer(): void {
  const original = transferHandlers.get('throw');
  if (!original) return;
  transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize: (thrown) => [{ payload: toErrorPayload((thrown as { value: unknown }).value) }, []],
    deserialize: (s) => {
      throw fromErrorPayload((s as { payload: ErrorPayload }).payload);
    },
  });
}
