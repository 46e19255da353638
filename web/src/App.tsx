import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrf, type Me } from './api';
import { Failure, Loading } from './components/State';
import { href, useRoute } from './router';
import { Inbox } from './pages/Inbox';
import { Login } from './pages/Login';
import { MessagePage } from './pages/Message';
import { Intel } from './pages/Intel';

// The graph and chart libraries are big; they load with the campaign pages only.
const Campaigns = lazy(() => import('./pages/Campaigns').then((m) => ({ default: m.Campaigns })));
const Money = lazy(() => import('./pages/Money').then((m) => ({ default: m.Money })));

const NAV: [string, string][] = [['inbox', 'Inbox'], ['campaigns', 'Campaigns'], ['intel', 'Intel'], ['money', 'Money trail']];

export function App(): ReactNode {
  const [me, setMe] = useState<Me | null | 'checking'>('checking');
  const [fatal, setFatal] = useState<string | null>(null);
  const route = useRoute();
  useEffect(() => {
    api.get<Me>('/api/v1/me').then(setMe, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setFatal(e instanceof Error ? e.message : String(e));
    });
  }, []);
  if (fatal !== null) return <main className="page"><Failure message={fatal} retry={() => window.location.reload()} /></main>;
  if (me === 'checking') return <main className="page"><Loading what="your session" /></main>;
  if (me === null) return <Login onLogin={setMe} />;
  const logout = (): void => {
    void api.del('/api/v1/session').finally(() => {
      setCsrf(null);
      setMe(null);
    });
  };
  const section = route[0] ?? 'inbox';
  let page: ReactNode;
  if (section === 'messages' && route[1] !== undefined) page = <MessagePage id={route[1]} />;
  else if (section === 'campaigns') page = <Campaigns id={route[1] ?? null} />;
  else if (section === 'intel') page = <Intel me={me} />;
  else if (section === 'money') page = <Money me={me} source={route[1] ?? null} />;
  else page = <Inbox me={me} />;
  const active = section === 'messages' ? 'inbox' : section;
  return (
    <>
      <header className="top">
        <a className="brand" href={href('inbox')}>spearwatch</a>
        <nav aria-label="Sections">
          {NAV.map(([k, label]) => <a key={k} href={href(k)} className={active === k ? 'active' : ''} aria-current={active === k ? 'page' : undefined}>{label}</a>)}
        </nav>
        <span className="who" title={`${me.role} at ${me.orgId}`}>{me.name} · {me.orgId} · {me.role}</span>
        <button type="button" className="link" onClick={logout}>Log out</button>
      </header>
      <main className="page">
        <Suspense fallback={<Loading what="the page" />}>{page}</Suspense>
      </main>
    </>
  );
}
