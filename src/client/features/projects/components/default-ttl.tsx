import { useRef, useState } from 'react';
import { formatCount, type ProjectRef } from '../../../../domain';
import { useToast } from '../../../ui/toast';
import { useProjectSettings } from '../api/project-settings';
import { DefaultTtlDialog } from './default-ttl-dialog';

/** "Default TTL: 30 days" and the button that changes it (its dialog is this button's sibling). */
export function DefaultTtl({ project }: { project: ProjectRef }) {
  const settings = useProjectSettings(project);
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const { toast } = useToast();
  if (settings.isPending || settings.isError) return null;
  const current = settings.data.defaultTtlDays;
  return (
    <p className="workspace-summary">
      Default TTL: {current === null ? 'none' : formatCount(current, 'day')}{' '}
      <button
        ref={button}
        type="button"
        className="button button-small"
        onClick={() => {
          setOpening((n) => n + 1);
          setOpen(true);
        }}
      >
        Change default TTL…
      </button>
      <DefaultTtlDialog
        key={opening}
        project={project}
        current={current}
        open={open}
        onOpenChange={setOpen}
        returnFocusTo={button.current}
        onSaved={() => toast({ title: `Default TTL of ${project.entity}/${project.project} set` })}
      />
    </p>
  );
}
