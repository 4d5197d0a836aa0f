import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './styles.css';
import { onSessionLost } from './api.js';
import { match, navigate, useRoute } from './router.js';
import { SessionContext, signOut, whoAmI } from './session.js';
import { ErrorBoundary, ErrorMessage, Loading } from './components/ui.jsx';
import { SignIn } from './pages/SignIn.jsx';
import { Layout } from './pages/Layout.jsx';
import { AppsPage } from './pages/Apps.jsx';
import { AppFormPage } from './pages/AppForm.jsx';
import { AppDetailPage } from './pages/AppDetail.jsx';
import { PluginsPage } from './pages/Plugins.jsx';
import { PluginDetailPage } from './pages/PluginDetail.jsx';
import { PluginPagePage } from './pages/PluginPage.jsx';
import { UsersPage } from './pages/Users.jsx';
import { GroupsPage } from './pages/Groups.jsx';
import { GroupDetailPage } from './pages/GroupDetail.jsx';
import { ResourcesPage, KINDS } from './pages/Resources.jsx';
import { CataloguesPage } from './pages/Catalogues.jsx';
import { SubmissionsPage } from './pages/Submissions.jsx';
import { PluginResourcesPage } from './pages/PluginResources.jsx';
import { NotFound } from './pages/NotFound.jsx';

const ROUTES = [
  ['/apps', () => <AppsPage />],
  ['/apps/new', () => <AppFormPage />],
  ['/apps/:id', (p) => <AppDetailPage id={p.id} />],
  ['/apps/:id/edit', (p) => <AppFormPage id={p.id} />],
  ['/resources', () => <PluginResourcesPage />],
  ['/submissions', () => <SubmissionsPage />],
  ['/admin/plugins', () => <PluginsPage />],
  ['/admin/plugins/:id', (p) => <PluginDetailPage id={p.id} />],
  ['/admin/plugins/:id/ui/:page', (p) => <PluginPagePage id={p.id} page={p.page} />],
  ['/admin/users', () => <UsersPage />],
  ['/admin/groups', () => <GroupsPage />],
  ['/admin/groups/:id', (p) => <GroupDetailPage id={p.id} />],
  ['/admin/catalogues/:kind', (p) => <CataloguesPage kind={p.kind} />],
  ['/admin/:kind', (p) => (KINDS[p.kind] ? <ResourcesPage kind={p.kind} /> : null)],
];

function route(path) {
  for (const [pattern, view] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      const v = view(params);
      if (v) return v;
    }
  }
  return <NotFound />;
}

function App() {
  const path = useRoute();
  const [session, setSession] = useState({ checked: false, user: null, error: null, lost: null });

  useEffect(() => {
    whoAmI().then(
      (user) => setSession({ checked: true, user, error: null, lost: null }),
      (e) => setSession({ checked: true, user: null, error: e.message, lost: null }),
    );
    return onSessionLost((message) =>
      setSession((s) => (s.user ? { checked: true, user: null, error: null, lost: message } : s)),
    );
  }, []);

  useEffect(() => {
    if (session.checked && session.user && (path === '/' || path === '/signin')) {
      navigate('/apps');
    }
  }, [session, path]);

  if (!session.checked) {
    return <Loading what="Starting" />;
  }
  if (session.error) {
    return (
      <main class="centered">
        <ErrorMessage error={session.error} title="The console cannot start" />
        <button type="button" onClick={() => window.location.reload()}>
          Try again
        </button>
      </main>
    );
  }
  if (!session.user) {
    return (
      <SignIn
        lost={session.lost}
        onSignedIn={(user) => {
          setSession({ checked: true, user, error: null, lost: null });
          if (path === '/' || path === '/signin') navigate('/apps');
        }}
      />
    );
  }
  const ctx = {
    user: session.user,
    signOut: async () => {
      try {
        await signOut();
      } finally {
        setSession({ checked: true, user: null, error: null, lost: null });
        navigate('/signin');
      }
    },
  };
  return (
    <SessionContext.Provider value={ctx}>
      <Layout path={path}>
        <ErrorBoundary key={path}>{path === '/' || path === '/signin' ? <Loading /> : route(path)}</ErrorBoundary>
      </Layout>
    </SessionContext.Provider>
  );
}

render(<App />, document.getElementById('app'));
