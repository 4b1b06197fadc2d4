import Link from "next/link";
import type { UnitRef } from "@/lib/data/tree";

export function Breadcrumb({ trail, href }: { trail: UnitRef[]; href: (code: string) => string }) {
  return (
    <nav aria-label="Đường dẫn" className="mb-2 text-sm text-gray-600">
      {trail.map((u, i) => (
        <span key={u.code}>
          {i > 0 && <span className="mx-1">›</span>}
          {i < trail.length - 1 ? (
            <Link className="hover:text-red-700 hover:underline" href={href(u.code)}>
              {u.name}
            </Link>
          ) : (
            <span className="font-medium text-gray-900">{u.name}</span>
          )}
        </span>
      ))}
    </nav>
  );
}
