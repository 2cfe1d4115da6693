/**
 * The application shell: who is signed in, the header with the navigation their permissions
 * allow, the language switch, the connection and outbox status, and the current view.
 */
import { LANGUAGES, Me as MeSchema, type Language, type Me } from '@konbit/core';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Switch, useLocation } from 'wouter';
import { api, ApiError, NetworkError, type Health } from '../api/client';
import { feedStore, useFeedStatus, useLiveFeedConnection } from '../api/feed';
import { outbox, useOutboxItems } from '../api/outbox';
import { SignIn } from '../features/auth/SignIn';
import { isLanguage, setLanguage, storedLanguage } from '../i18n/i18n';
import { allowed, loadDashboard, VIEWS } from './views';

// Alerts come after the first screen: their code is not on the sign-in → dashboard path.
const AlertNotifications = lazy(() => import('../features/alerts/AlertNotifications'));

const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  ht: 'Kreyòl ayisyen',
};

type Session = { state: 'signed-out' } | { state: 'signed-in'; me: Me };

/**
 * The signed-in user is remembered in this browser so the app opens offline (the service worker
 * serves the shell) and the outbox keeps its owner; the session itself stays in its cookie.
 */
const ME_KEY = 'konbit.me';

function rememberMe(me: Me | null): void {
  try {
    if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
  } catch {
    // Private mode: offline start is not possible, everything else works.
  }
}

function rememberedMe(): Me | null {
  try {
    const parsed = MeSchema.safeParse(JSON.parse(localStorage.getItem(ME_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

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

function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** Network, live feed and outbox at a glance: what has not reached the server is never hidden. */
function StatusLine({ me }: { me: Me }) {
  const { t } = useTranslation();
  const online = useOnline();
  const feed = useFeedStatus();
  const pending = useOutboxItems(me.id).filter((i) => i.state !== 'received');
  const waiting = pending.filter((i) => i.state !== 'rejected').length;
  const rejected = pending.length - waiting;
  return (
    <div className="status-line" role="status" data-testid="status-line">
      <span className={online ? 'ok' : 'warn'} data-testid="network">
        {online ? t('status.online') : t('status.offline')}
      </span>
      <span data-testid="feed-status" className={`status-${feed}`}>
        {t(`feed.status.${feed}`)}
      </span>
      {waiting > 0 && (
        <Link href="/outbox" className="warn" data-testid="outbox-waiting">
          {t('status.waiting', { count: waiting })}
        </Link>
      )}
      {rejected > 0 && (
        <Link href="/outbox" className="danger" data-testid="outbox-rejected">
          {t('status.rejected', { count: rejected })}
        </Link>
      )}
    </div>
  );
}

function Navigation({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [location] = useLocation();
  return (
    <nav aria-label={t('nav.main')}>
      <ul>
        {VIEWS.filter((v) => v.inNav !== false && allowed(v, me)).map((v) => (
          <li key={v.path}>
            <Link href={v.path} aria-current={location === v.path ? 'page' : undefined}>
              {t(`nav.${v.label}`)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Views({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          {t('app.loading')}
        </p>
      }
    >
      <Switch>
        {VIEWS.filter((v) => allowed(v, me)).map((v) => (
          <Route key={v.path} path={v.path}>
            <v.component me={me} />
          </Route>
        ))}
        <Route>
          <section className="not-found">
            <h1>{t('app.notFound')}</h1>
            <Link href="/">{t('nav.dashboard')}</Link>
          </section>
        </Route>
      </Switch>
    </Suspense>
  );
}

export function App() {
  const { t } = useTranslation();
  // Start from what this browser last knew, so the first screen does not wait for the server;
  // `/auth/me` then confirms or corrects it.
  const [session, setSession] = useState<Session>(() => {
    const me = rememberedMe();
    return me ? { state: 'signed-in', me } : { state: 'signed-out' };
  });
  const [health, setHealth] = useState<Health | null>(null);
  const me = session.state === 'signed-in' ? session.me : null;
  useLiveFeedConnection(me !== null);

  useEffect(() => {
    api.health().then(setHealth, () => setHealth(null));
    api.me().then(
      (me) => {
        rememberMe(me);
        setSession({ state: 'signed-in', me });
      },
      (err) => {
        // Offline: carry on as the user last signed in here; the server checks every request.
        const offlineMe = err instanceof NetworkError ? rememberedMe() : null;
        if (offlineMe) return setSession({ state: 'signed-in', me: offlineMe });
        if (!(err instanceof ApiError && err.status === 401)) console.error(err);
        rememberMe(null);
        setSession({ state: 'signed-out' });
      },
    );
  }, []);

  useEffect(() => {
    if (session.state === 'signed-out') {
      // Fetch the first screen's code while the user types their password.
      void loadDashboard();
    }
  }, [session.state]);

  useEffect(() => {
    void outbox.start(me?.id ?? null).catch((err: unknown) => console.error('outbox', err));
    return () => outbox.stop();
  }, [me?.id]);

  function signedIn(me: Me) {
    // The account's language applies until this browser has chosen one.
    if (storedLanguage() === null && me.language) setLanguage(me.language, false);
    rememberMe(me);
    setSession({ state: 'signed-in', me });
  }

  async function signOut() {
    await api.logout().catch(() => undefined);
    rememberMe(null);
    feedStore.reset();
    setSession({ state: 'signed-out' });
  }

  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="name">{t('app.name')}</span>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        {me && <Navigation me={me} />}
        <div className="account">
          <LanguageSwitch />
          {me && (
            <>
              <span className="who" data-testid="who">
                {me.name} · {me.organisation.name}
              </span>
              <button type="button" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          )}
        </div>
      </header>
      {me && <StatusLine me={me} />}
      {me && (
        <Suspense fallback={null}>
          <AlertNotifications key={me.id} me={me} />
        </Suspense>
      )}
      {session.state === 'signed-out' && (
        <SignIn demo={health?.demo ?? false} onSignedIn={signedIn} />
      )}
      {me && (
        <main id="main" className="content" tabIndex={-1}>
          <Views me={me} />
        </main>
      )}
    </div>
  );
}
