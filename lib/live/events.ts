/**
 * In-process notification that data changed (a sync, an import, a calendar edit), so
 * open scorecards can refresh (server-sent events subscribe here).
 */
type Listener = (at: number) => void;
const g = globalThis as unknown as { __tthcListeners?: Set<Listener>; __tthcChangedAt?: number };
const listeners = (g.__tthcListeners ??= new Set());

export function notifyDataChanged(): void {
  g.__tthcChangedAt = Date.now();
  for (const l of listeners) l(g.__tthcChangedAt);
}

export function onDataChanged(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}
