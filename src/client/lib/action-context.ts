import { useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCopyToClipboard } from './use-copy-to-clipboard';

/**
 * What action factories (`makeVersionActions`, `makeCollectionActions`) may do besides their own
 * dialogs: navigate and copy, knowing which page is open. Passed in rather than imported so the factories stay plain functions.
 */
export interface ActionContext {
  navigate: (to: string) => void;
  copy: (text: string) => void;
  /** The page open now: a menu does not offer `Open` for it. */
  currentPath: string;
}

export function useActionContext(): ActionContext {
  const navigate = useNavigate();
  const copy = useCopyToClipboard();
  const { pathname } = useLocation();
  return useMemo(() => ({ navigate: (to: string) => void navigate(to), copy, currentPath: pathname }), [navigate, copy, pathname]);
}
