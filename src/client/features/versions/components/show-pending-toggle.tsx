import { useId } from 'react';

/** Props of `ShowPendingToggle`: controlled, because its state lives in the URL (`?pending=1`). */
export interface ShowPendingToggleProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** The switch above a version list that shows the versions pending deletion in place. */
export function ShowPendingToggle({ checked, onChange }: ShowPendingToggleProps) {
  const id = useId();
  return (
    <div className="checkbox-field list-toolbar">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>Show pending deletion</label>
    </div>
  );
}
