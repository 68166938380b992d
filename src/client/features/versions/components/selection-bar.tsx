import { useId } from 'react';
import { formatCount, isUnfiltered, jobFilterOfVersionList, type ProjectRef, type VersionListFilter } from '../../../../domain';
import { ReasonButton } from '../../../ui/reason-button';
import { useRefusal } from '../../auth/api/use-can';
import { useDeletionActions } from '../../deletion/components/deletion-actions';
import { useMatchingVersionCount } from '../api/get-versions';
import { MAX_HAND_PICKED, type VersionSelectionApi } from './use-version-selection';

/** Props of `SelectionBar`: the table's selection, what is loaded, and the filter "all that match" means. */
export interface SelectionBarProps {
  project: ProjectRef;
  collection: string;
  filter: VersionListFilter;
  selection: VersionSelectionApi;
  /** How many selectable rows are loaded, and whether pages remain unloaded. */
  loadedSelectable: number;
  morePages: boolean;
}

/**
 * Above the table: how many versions are selected, `Delete selected`, and, once every loaded row
 * is selected, the offer to select every version that matches the filter, loaded or not.
 */
export function SelectionBar({ project, collection, filter, selection, loadedSelectable, morePages }: SelectionBarProps) {
  const hintId = useId();
  const deletion = useDeletionActions();
  // Deleting by selection is a deletion job: an admin's (a member deletes one version at a time).
  const refusal = useRefusal();
  const picked = selection.selection.kind === 'some' ? selection.selection.ids.size : 0;
  const matchingMode = selection.selection.kind === 'matching';
  const allLoaded = picked > 0 && picked === loadedSelectable;
  const count = useMatchingVersionCount(project, collection, filter, allLoaded || matchingMode);
  const total = count.data;
  const tooMany = !matchingMode && picked > MAX_HAND_PICKED;

  if (picked === 0 && !matchingMode) return null;

  const scope = isUnfiltered(filter) ? `in ${collection}` : 'that match this filter';
  const all = `all ${total === undefined ? 'versions' : formatCount(total, 'version')} ${scope}`;

  const deleteSelected = (trigger: HTMLElement) => {
    const current = selection.selection;
    const request =
      current.kind === 'matching'
        ? { filter: jobFilterOfVersionList(collection, filter), title: `Delete ${all}?` }
        : {
            filter: { collections: [collection], versions: [...current.ids] },
            title: `Delete ${formatCount(current.ids.size, 'selected version')} of ${collection}?`,
          };
    deletion.confirmDeleteMatching(request, trigger, selection.clear);
  };

  return (
    <div className="list-toolbar selection-bar">
      <span role="status">{matchingMode ? `Selected ${all}.` : `${formatCount(picked, 'version')} selected.`}</span>
      {allLoaded && total !== undefined && (morePages || total > picked) && (
        <button type="button" className="button" onClick={selection.selectMatching}>
          {`Select ${all}`}
        </button>
      )}
      <ReasonButton
        className="button button-destructive"
        disabled={tooMany}
        aria-describedby={tooMany ? hintId : undefined}
        disabledReason={refusal('bulkJob', project.entity)}
        reasonDisplay="inline"
        onClick={(event) => deleteSelected(event.currentTarget)}
      >
        Delete selected
      </ReasonButton>
      <button type="button" className="button" onClick={selection.clear}>
        Clear selection
      </button>
      {tooMany && (
        <span id={hintId} className="field-hint">
          {`Pick at most ${MAX_HAND_PICKED.toLocaleString('en-US')} by hand, or select all that match the filter.`}
        </span>
      )}
    </div>
  );
}
