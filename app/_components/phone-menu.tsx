"use client";
import { useRef } from "react";

/**
 * The phone menu's drawer: a <details> (it opens before any script runs) that closes once
 * an item is chosen — the layout, and so the drawer, stays mounted across pages.
 */
export function PhoneMenu({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const close = (e: React.MouseEvent) => {
    if (ref.current && (e.target as HTMLElement).closest("a")) ref.current.open = false;
  };
  return (
    <details ref={ref} className="md:hidden" data-phone-menu onClick={close}>
      {children}
    </details>
  );
}
