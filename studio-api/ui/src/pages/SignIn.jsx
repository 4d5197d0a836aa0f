import { useState } from 'preact/hooks';
import { signIn } from '../session.js';
import { ErrorMessage, Notice } from '../components/ui.jsx';

export function SignIn({ onSignedIn, lost }) {
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);

  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(key.trim());
      setKey('');
      onSignedIn(user);
    } catch (err) {
      setError(err.message);
      setBusy(false);
    }
  };

  return (
    <main class="signin">
      <form class="card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">AI Gateway Studio</h1>
        <p>Sign in with your API key. It is exchanged for a session cookie and not kept by the browser.</p>
        {lost && <Notice kind="warn">Your session ended ({lost}). Sign in again.</Notice>}
        <div class="field">
          <label for="api-key">API key</label>
          <input
            id="api-key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </div>
        <ErrorMessage error={error} />
        <button type="submit" class="primary" disabled={busy || !key.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
