import { useSession } from '../session.js';

const USER_NAV = [
  ['/apps', 'Apps'],
  ['/resources', 'Plugin resources'],
  ['/submissions', 'Submissions'],
];

const ADMIN_NAV = [
  ['/admin/plugins', 'Plugins'],
  ['/admin/users', 'Users'],
  ['/admin/groups', 'Groups'],
  ['/admin/llms', 'LLMs'],
  ['/admin/datasources', 'Datasources'],
  ['/admin/tools', 'Tools'],
  ['/admin/catalogues/llm', 'Catalogues'],
];

function NavLink({ to, label, path }) {
  const active = path === to || path.startsWith(to + '/') || (to.startsWith('/admin/catalogues') && path.startsWith('/admin/catalogues'));
  return (
    <a href={'#' + to} class={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
      {label}
    </a>
  );
}

export function Layout({ path, children }) {
  const { user, signOut } = useSession();
  return (
    <div class="layout">
      <header class="topbar">
        <a class="brand" href="#/apps">
          AI Gateway Studio
        </a>
        <span class="spacer" />
        <span class="whoami" data-testid="whoami">
          {user.name || user.email} {user.is_admin && <span class="badge ok">admin</span>}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <div class="body">
        <nav class="sidebar" aria-label="Main">
          <div class="nav-group">
            {USER_NAV.map(([to, label]) => (
              <NavLink key={to} to={to} label={label} path={path} />
            ))}
          </div>
          {user.is_admin && (
            <div class="nav-group">
              <div class="nav-title">Administration</div>
              {ADMIN_NAV.map(([to, label]) => (
                <NavLink key={to} to={to} label={label} path={path} />
              ))}
            </div>
          )}
        </nav>
        <main class="content">{children}</main>
      </div>
    </div>
  );
}
