"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/actions";

/**
 * A form bound to a server action, rendering its state accessibly: the message in a
 * live region, field errors listed (and linked by aria-describedby from the fields).
 */
export function ActionForm({
  action,
  children,
  className,
  submit,
  confirm,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  children: React.ReactNode;
  className?: string;
  submit: string;
  confirm?: string;
}) {
  const [state, run, pending] = useActionState(action, null);
  return (
    <form
      action={run}
      className={className}
      onSubmit={(e) => {
        if (confirm && !window.confirm(confirm)) e.preventDefault();
      }}
    >
      {children}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        >
          {pending ? "Đang xử lý…" : submit}
        </button>
        <div aria-live="polite" className="text-sm">
          {state?.ok && <span className="text-emerald-700">{state.ok}</span>}
          {state?.error && <span className="text-red-700">{state.error}</span>}
        </div>
      </div>
      {state?.secret && (
        <p className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          Chỉ hiển thị một lần — hãy sao chép ngay:{" "}
          <code className="break-all font-mono" data-secret>
            {state.secret}
          </code>
        </p>
      )}
      {state?.fieldErrors && (
        <ul className="mt-2 list-disc pl-5 text-sm text-red-700">
          {Object.entries(state.fieldErrors).map(([f, m]) => (
            <li key={f} id={`err-${f}`}>
              <strong>{f}</strong>: {m}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
