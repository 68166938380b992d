import { useRef, useState } from 'react';
import { formatCount, type ProjectRef } from '../../../../domain';
import { ReasonButton } from '../../../ui/reason-button';
import { useToast } from '../../../ui/toast';
import { useCan } from '../../auth/api/use-can';
import { useProjectSettings } from '../api/project-settings';
import { DefaultTtlDialog } from './default-ttl-dialog';

/** "Default TTL: 30 days" and the button that changes it (its dialog is this button's sibling). */
export function DefaultTtl({ project }: { project: ProjectRef }) {
  const settings = useProjectSettings(project);
  const [open, setOpen] = useState(false);
  const [opening, setOpening] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const { toast } = useToast();
  const can = useCan('projectSettings', project.entity);
  if (settings.isPending || settings.isLoadingError) return null;
  const current = settings.data.defaultTtlDays;
  return (
    <p className="workspace-summary">
      Default TTL: {current === null ? 'none' : formatCount(current, 'day')}{' '}
      <ReasonButton
        ref={button}
        className="button button-small"
        disabledReason={can.reason}
        reasonDisplay="inline"
        onClick={() => {
          setOpening((n) => n + 1);
          setOpen(true);
        }}
      >
        Change default TTL…
      </ReasonButton>
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
