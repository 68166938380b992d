import { useNavigate } from 'react-router';
import { pagePaths } from '../../../lib/paths';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '../../../ui/dropdown-menu';
import { useToast } from '../../../ui/toast';
import { errorMessage } from '../../../lib/api-client';
import { useMe } from '../api/get-me';
import { useLogout } from '../api/session';

/** The top bar's user menu: who is signed in, their account page, the users page for site admins, and Sign out. */
export function UserMenu() {
  const me = useMe().data;
  const navigate = useNavigate();
  const logout = useLogout();
  const { toast } = useToast();
  if (!me) return null;
  const { username, siteAdmin } = me.user;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <button type="button" className="button button-small user-menu-trigger" aria-label={`Account menu for ${username}`}>
          <span aria-hidden="true">{username}</span>
          {siteAdmin && (
            <span className="muted" aria-hidden="true">
              {' '}
              · site admin
            </span>
          )}
        </button>
      </DropdownMenuTrigger>
      <DropdownMenuContent aria-label={`Account menu for ${username}`}>
        <DropdownMenuItem onSelect={() => void navigate(pagePaths.account())}>Account and API keys</DropdownMenuItem>
        {siteAdmin && <DropdownMenuItem onSelect={() => void navigate(pagePaths.users())}>Users</DropdownMenuItem>}
        <DropdownMenuSeparator />
        <DropdownMenuItem
          onSelect={() =>
            logout.mutate(undefined, { onError: (error) => toast({ title: 'Could not sign out', description: errorMessage(error), variant: 'error' }) })
          }
        >
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
