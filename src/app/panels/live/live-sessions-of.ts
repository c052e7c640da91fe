/**
 * The one LiveSessions of a pipeline client (the app start resumes its sessions, the Live panel
 * shows and drives them), with the token lookup of dataset sources: the token the store keeps
 * for that hub's own origin, never one of another hub.
 */
import { LiveSessions } from '../../../client/live-sessions';
import type { PipelineClient } from '../../../client/pipeline-client';
import { getSettings } from '../../settings';
import { appTokens } from '../../token-store';

const perClient = new WeakMap<PipelineClient, LiveSessions>();

export function liveSessionsOf(client: PipelineClient): LiveSessions {
  let sessions = perClient.get(client);
  if (!sessions) {
    sessions = new LiveSessions(
      () => client.api,
      (hubUrl) => appTokens(() => getSettings().hubEndpoint).get(hubUrl)?.value,
    );
    perClient.set(client, sessions);
  }
  return sessions;
}
