/**
 * State of the hub form: the draft (from a deep link, else the last hub source, else the
 * Settings hub), the token bound to its origin, and the token check on submit. A token
 * goes to its own origin only; for any other the caller shows ConfirmTokenDialog first.
 */
import { useMemo, useState } from 'react';
import type { HubSource } from '../../hooks/dataset-context';
import { linkChangesHub, parseDeepLink } from '../../deep-link';
import { appTokens, hubOrigin, tokenUse } from '../../token-store';
import { getSettings } from '../../settings';
import { hubSourceFrom, type HubDraft } from './hub-form';
import type { TokenDraft } from './TokenField';

/** Starts a hub load; `token` is set only when it may go to that hub. */
export type StartHub = (source: HubSource, token: string | undefined) => void;

const tokens = () => appTokens(() => getSettings().hubEndpoint);

/** The hub source in use (it already reflects a deep link once loading began), else the link's. */
function initialDraft(settingsHub: string, last: HubSource | undefined): HubDraft {
  const link = parseDeepLink(window.location.search);
  if (!last && link)
    return {
      hubUrl: link.hub ?? settingsHub,
      dataset: link.dataset,
      revision: link.revision ?? '',
      pattern: '',
      config: '',
      split: '',
    };
  return {
    hubUrl: last?.hubUrl ?? settingsHub,
    dataset: last?.dataset ?? '',
    revision: last?.revision ?? '',
    pattern: last?.pattern ?? '',
    config: last?.config ?? '',
    split: last?.split ?? '',
  };
}

function tokenFor(hubUrl: string, suggest: boolean): TokenDraft | null {
  const t = suggest ? tokens().suggest(hubUrl) : tokens().get(hubUrl);
  return t ? { ...t, remember: tokens().isRemembered(t.origin) } : null;
}

export function useHubForm(settingsHub: string, last: HubSource | undefined) {
  const [draft, setDraft] = useState(() => initialDraft(settingsHub, last));
  const linkHub = useMemo(
    () => linkChangesHub(parseDeepLink(window.location.search), settingsHub),
    [settingsHub],
  );
  /** the hub a link switched to, while the form still points at it */
  const linkedHub = linkHub && hubOrigin(draft.hubUrl) === linkHub ? linkHub : null;
  const [token, setToken] = useState<TokenDraft>(
    () => tokenFor(draft.hubUrl, true) ?? { value: '', origin: hubOrigin(draft.hubUrl), remember: false },
  );
  /** a load waiting for the user's word on sending the token to another hub */
  const [pending, setPending] = useState<HubSource | null>(null);

  const onDraft = (patch: Partial<HubDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    // a hub with a token of its own brings that token into the field
    const own = patch.hubUrl !== undefined ? tokenFor(patch.hubUrl, false) : null;
    if (own) setToken(own);
  };

  /** Starts the load with the token saved for the target origin (remembered or for this session). */
  const go = (source: HubSource, start: StartHub, send: boolean) => {
    const origin = hubOrigin(source.hubUrl)!;
    const value = token.value.trim();
    if (send && value) {
      // a token confirmed for another hub is kept for this session, never remembered there
      const remember = token.remember && (token.origin ?? origin) === origin;
      tokens().save({ value, origin }, remember);
      setToken({ value, origin, remember });
    } else if (!value) tokens().save({ value: '', origin }, false);
    start(source, send && value ? value : undefined);
  };

  /** Validates the draft (throws InputError) and starts the load, or asks first. */
  const submit = (start: StartHub) => {
    const source = hubSourceFrom(draft, token.value);
    const value = token.value.trim();
    // a token typed before the hub field held a valid URL belongs to the hub entered now
    const origin = token.origin ?? hubOrigin(source.hubUrl)!;
    const use = tokenUse(value ? { value, origin } : null, source.hubUrl);
    if (use === 'confirm') return setPending(source);
    go(source, start, use === 'send');
  };

  const answer = (start: StartHub, choice: 'send' | 'without' | 'cancel') => {
    const source = pending;
    setPending(null);
    if (source && choice !== 'cancel') go(source, start, choice === 'send');
  };

  return { draft, onDraft, token, setToken, linkedHub, pending, submit, answer };
}
