/**
 * The Hugging Face dataset fields: id, revision, token, hub endpoint and which files. When
 * a link switched the hub away from the one in Settings, a notice names the linked hub.
 */
import type { HubDraft } from './hub-form';
import { TokenField, type TokenDraft } from './TokenField';
import { hostOf } from '../../token-store';

function TextField({
  id,
  label,
  value,
  placeholder,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        spellCheck={false}
      />
    </div>
  );
}

export function HubFields({
  id,
  draft,
  onDraft,
  token,
  onToken,
  linkedHub,
  settingsHub,
  tokenAsked,
}: {
  id: string;
  draft: HubDraft;
  onDraft: (patch: Partial<HubDraft>) => void;
  token: TokenDraft;
  onToken: (token: TokenDraft) => void;
  /** the origin a deep link switched the hub to, when it differs from Settings */
  linkedHub: string | null;
  settingsHub: string;
  /** the hub refused the last load for want of a token */
  tokenAsked: boolean;
}) {
  return (
    <div className="grid2">
      {linkedHub && (
        <p className="notice span2" role="status" data-testid="hub-link-notice">
          This link loads from the hub at <strong>{hostOf(linkedHub)}</strong>, not the one in Settings (
          {settingsHub}). A saved access token is sent there only if you confirm.
        </p>
      )}
      <TextField
        id={`${id}-ds`}
        label="Dataset id"
        value={draft.dataset}
        placeholder="owner/name"
        onChange={(dataset) => onDraft({ dataset })}
      />
      <TextField
        id={`${id}-rev`}
        label="Revision (branch, tag or commit)"
        value={draft.revision}
        placeholder="main"
        onChange={(revision) => onDraft({ revision })}
      />
      <TokenField
        id={`${id}-tok`}
        token={token}
        hubUrl={draft.hubUrl}
        asked={tokenAsked}
        onChange={onToken}
      />
      <TextField
        id={`${id}-hub`}
        label="Hub endpoint"
        value={draft.hubUrl}
        onChange={(hubUrl) => onDraft({ hubUrl })}
      />
      <details className="span2">
        <summary>Which files</summary>
        <div className="grid2">
          <TextField
            id={`${id}-pat`}
            label="File pattern"
            value={draft.pattern}
            placeholder="e.g. csv/*.csv"
            onChange={(pattern) => onDraft({ pattern })}
          />
          <div>
            <label htmlFor={`${id}-cfg`}>Config / split (parquet conversion)</label>
            <div className="row">
              <input
                id={`${id}-cfg`}
                type="text"
                value={draft.config}
                placeholder="default"
                aria-label="Config"
                onChange={(e) => onDraft({ config: e.target.value })}
              />
              <input
                type="text"
                value={draft.split}
                placeholder="train"
                aria-label="Split"
                onChange={(e) => onDraft({ split: e.target.value })}
              />
            </div>
          </div>
        </div>
      </details>
    </div>
  );
}
