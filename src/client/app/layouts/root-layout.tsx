import { Link, Outlet } from 'react-router';
import { UserMenu } from '../../features/auth/components/user-menu';
import { RefreshFailedNotice } from './refresh-failed-notice';

/** The frame of every page: a skip link, the top bar (with the user menu once signed in), and the page below. */
export function RootLayout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top-bar">
        <Link to="/" className="brand">
          Attic
        </Link>
        <span className="top-bar-tagline">ML artifacts, deleted safely</span>
        <span className="top-bar-end">
          <UserMenu />
        </span>
      </header>
      <RefreshFailedNotice />
      <Outlet />
    </div>
  );
}
