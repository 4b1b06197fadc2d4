/** Shown at once while a page of the portal computes its figures (every page under the menu). */
export default function Loading() {
  return (
    <div className="space-y-4" role="status" aria-live="polite" aria-label="Đang tính số liệu">
      <div className="h-8 w-2/3 animate-pulse rounded bg-gray-200" />
      <div className="h-4 w-1/3 animate-pulse rounded bg-gray-100" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => <div key={i} className="h-40 animate-pulse rounded-lg bg-gray-100" />)}
      </div>
      <p className="text-sm text-gray-500">Đang tính số liệu…</p>
    </div>
  );
}
