/** A number of days (fractions allowed), named "Days" for assistive tech, with its unit after it. */
export function DaysInput({ value, disabled, onChange }: { value: string; disabled?: boolean; onChange: (text: string) => void }) {
  return (
    <>
      <input
        className="text-input days-input"
        type="number"
        inputMode="decimal"
        step="any"
        aria-label="Days"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      />
      <span aria-hidden="true">days</span>
    </>
  );
}
