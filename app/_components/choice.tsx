const SELECT = "max-w-[16rem] rounded border border-gray-300 px-1 py-1 text-sm";

/**
 * One filter of a list: "Tất cả" or one of its options, as a GET form field. A value that
 * is none of the options (a stale or edited link) still filters the list, so the select
 * shows it as such rather than "Tất cả" beside a list it has emptied.
 */
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
  const unknown = value && !options.some(([k]) => k === value) ? value : null;
  return (
    <label className="flex flex-col text-xs text-gray-600">
      {label}
      <select name={name} defaultValue={value ?? ""} className={SELECT}>
        <option value="">Tất cả</option>
        {unknown && <option value={unknown}>{`Không có trong danh sách: ${unknown.slice(0, 40)}`}</option>}
        {options.map(([k, v]) => (
          <option key={k} value={k}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}
