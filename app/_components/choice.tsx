const SELECT = "max-w-[16rem] rounded border border-gray-300 px-1 py-1 text-sm";

/** One filter of a list: "Tất cả" or one of its options, as a GET form field. */
export function Choice({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value?: string;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <label className="flex flex-col text-xs text-gray-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={SELECT}>
        <option value="">Tất cả</option>
        {options.map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}
