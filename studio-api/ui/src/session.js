import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { api } from './api.js';

// The session lives in an HttpOnly cookie set by POST /api/v1/session: scripts never see it, and
// the API key typed at sign-in is sent once and never kept (not in storage, not in memory).

export const SessionContext = createContext({ user: null });

export const useSession = () => useContext(SessionContext);

export async function signIn(apiKey) {
  const answer = await api('POST', '/session', { api_key: apiKey });
  return answer.user;
}

export async function signOut() {
  await api('DELETE', '/session');
}

/** The signed-in user, or null when there is no session (401). */
export async function whoAmI() {
  try {
    return await api('GET', '/me');
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}
