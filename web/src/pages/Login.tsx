import { useState, type FormEvent, type ReactNode } from 'react';
import { api, setCsrf, type Me } from '../api';

export function Login({ onLogin }: { onLogin: (me: Me) => void }): ReactNode {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.postJson<{ csrfToken: string; me: Me }>('/api/v1/session', { email, password }).then(
      (r) => {
        setCsrf(r.csrfToken);
        onLogin(r.me);
      },
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setBusy(false);
      },
    );
  };
  return (
    <main className="login">
      <form onSubmit={submit} aria-label="Log in">
        <h1>spearwatch</h1>
        <p className="muted">Spear-phishing, threat intel and the money trail, for exchange analysts.</p>
        <label>E-mail<input name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
        <label>Password<input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} /></label>
        {error !== null && <p className="state error" role="alert">{error}</p>}
        <button type="submit" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </main>
  );
}
