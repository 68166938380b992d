import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes, formatCount, type GcRun, type GcStatus } from '../../../../domain';
import { useToast } from '../../../ui/toast';
import { useGcRun } from '../api/get-gc-run';
import { invalidateAfterGcRun } from '../api/start-gc-run';

/** What `useGcRunTracker` gives the run control. */
export interface GcRunTracker {
  /** The run in progress, polled, or null when none is. */
  running: GcRun | null;
  /** Follow a run this page just started (the answer of `POST /gc/runs`). */
  follow: (run: GcRun) => void;
}

/**
 * Follows one real run to its end: the one this page started, or else the one the server reports
 * in progress (a scheduled run, or one started in another tab). When it ends it says so in a toast
 * and invalidates everything a run changes, exactly once per run.
 */
export function useGcRunTracker(status: GcStatus | undefined): GcRunTracker {
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const [startedId, setStartedId] = useState<string | null>(null);
  const activeId = startedId ?? status?.running?.id ?? null;
  const run = useGcRun(activeId);
  // Runs seen running (or started here) and runs already announced: a cached status may still
  // name a run that has finished, and it must not be announced twice.
  const watched = useRef(new Set<string>());
  const announced = useRef(new Set<string>());

  const current = run.data && run.data.id === activeId ? run.data : undefined;

  useEffect(() => {
    if (!current) return;
    if (current.status === 'running') {
      watched.current.add(current.id);
      return;
    }
    if (announced.current.has(current.id)) return;
    announced.current.add(current.id);
    // A run that had already ended when first seen was someone else's: refresh quietly.
    if (watched.current.has(current.id)) toast(finishedToast(current));
    void invalidateAfterGcRun(queryClient);
    setStartedId(null);
  }, [current, queryClient, toast]);

  const follow = useCallback((started: GcRun) => {
    watched.current.add(started.id);
    setStartedId(started.id);
  }, []);

  return { running: current?.status === 'running' ? current : null, follow };
}

function finishedToast(run: GcRun) {
  if (run.status === 'failed') {
    return {
      title: 'Garbage collection failed',
      description: run.error ?? 'The run stopped before it finished; the next run finishes its work.',
      variant: 'error' as const,
    };
  }
  if (run.versionsPurged === 0 && run.blobsDeleted === 0) {
    return { title: 'Garbage collection finished: nothing to free', description: 'No version had been pending deletion for the whole grace period.' };
  }
  return {
    title: `Garbage collection freed ${formatBytes(run.bytesReclaimed)}`,
    description: `Purged ${formatCount(run.versionsPurged, 'version')} and deleted ${formatCount(run.blobsDeleted, 'blob')}.`,
  };
}
