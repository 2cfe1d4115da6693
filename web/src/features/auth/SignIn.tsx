/** The sign-in screen. */
import type { Me } from '@konbit/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, NetworkError } from '../../api/client';

export function SignIn({ demo, onSignedIn }: { demo: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api.login(email, password);
      onSignedIn(result.user);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RateLimited') setError(t('signIn.rateLimited'));
      else if (err instanceof ApiError && err.status === 401) setError(t('signIn.invalid'));
      else if (err instanceof NetworkError) setError(t('signIn.offline'));
      else setError(t('errors.unexpected', { message: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in" tabIndex={-1}>
      <form onSubmit={submit} aria-labelledby="sign-in-title" noValidate>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <label htmlFor="email">{t('signIn.email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <label htmlFor="password">{t('signIn.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !email || !password}>
          {busy ? t('signIn.working') : t('signIn.submit')}
        </button>
        {demo && <p className="hint">{t('signIn.demoHint')}</p>}
      </form>
    </main>
  );
}
