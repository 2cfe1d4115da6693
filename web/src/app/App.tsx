/** The application shell: who is signed in, the header, and the current view. */
import { LANGUAGES, type Language, type Me } from '@konbit/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Health } from '../api/client';
import { useLiveFeed } from '../api/feed';
import { SignIn } from '../features/auth/SignIn';
import { LiveFeed } from '../features/feed/LiveFeed';
import { isLanguage, setLanguage, storedLanguage } from '../i18n/i18n';

const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  ht: 'Kreyòl ayisyen',
};

type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; me: Me };

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language">
      <span>{t('nav.language')}</span>
      <select
        value={isLanguage(i18n.language) ? i18n.language : 'en'}
        onChange={(e) => isLanguage(e.target.value) && setLanguage(e.target.value)}
        data-testid="language"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const { t } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const [health, setHealth] = useState<Health | null>(null);
  const feed = useLiveFeed(session.state === 'signed-in');

  useEffect(() => {
    api.health().then(setHealth, () => setHealth(null));
    api.me().then(
      (me) => setSession({ state: 'signed-in', me }),
      (err) => {
        if (!(err instanceof ApiError && err.status === 401)) console.error(err);
        setSession({ state: 'signed-out' });
      },
    );
  }, []);

  function signedIn(me: Me) {
    // The account's language applies until this browser has chosen one.
    if (storedLanguage() === null && me.language) setLanguage(me.language, false);
    setSession({ state: 'signed-in', me });
  }

  async function signOut() {
    await api.logout().catch(() => undefined);
    setSession({ state: 'signed-out' });
  }

  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="name">{t('app.name')}</span>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')}>
          {session.state === 'signed-in' && (
            <a href="/" aria-current="page">
              {t('nav.feed')}
            </a>
          )}
        </nav>
        <div className="account">
          <LanguageSwitch />
          {session.state === 'signed-in' && (
            <>
              <span className="who" data-testid="who">
                {session.me.name} · {session.me.organisation.name}
              </span>
              <button type="button" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {session.state === 'signed-out' && (
        <SignIn demo={health?.demo ?? false} onSignedIn={signedIn} />
      )}
      {session.state === 'signed-in' && (
        <main className="content">
          <LiveFeed events={feed.events} status={feed.status} />
        </main>
      )}
    </div>
  );
}
