import { useCallback } from 'react';
import { useToast } from '../ui/toast';
import { copyText } from './clipboard';

/** Copies text and says so in a toast, or says why it could not. */
export function useCopyToClipboard(): (text: string) => void {
  const { toast } = useToast();
  return useCallback(
    (text: string) => {
      copyText(text).then(
        () => toast({ title: `Copied ${text}` }),
        (error: unknown) => toast({ title: 'Could not copy', description: error instanceof Error ? error.message : String(error), variant: 'error' }),
      );
    },
    [toast],
  );
}
