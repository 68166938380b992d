import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useCopyToClipboard } from './use-copy-to-clipboard';

/**
 * What action factories (`makeVersionActions`, `makeCollectionActions`) may do besides their own
 * dialogs: navigate and copy. Passed in rather than imported so the factories stay plain functions.
 */
export interface ActionContext {
  navigate: (to: string) => void;
  copy: (text: string) => void;
}

export function useActionContext(): ActionContext {
  const navigate = useNavigate();
  const copy = useCopyToClipboard();
  return useMemo(() => ({ navigate: (to: string) => void navigate(to), copy }), [navigate, copy]);
}
