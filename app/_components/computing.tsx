/** The placeholder of a part of a page that is still computing its figures. */
export function Computing({ label = "Đang tính số liệu…" }: { label?: string }) {
  return (
    <div className="space-y-3" role="status" aria-live="polite">
      <div className="h-6 w-1/2 animate-pulse rounded bg-gray-200" />
      <div className="h-40 animate-pulse rounded-lg bg-gray-100" />
      <p className="text-sm text-gray-500">{label}</p>
    </div>
  );
}
