"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Keeps a page's figures current: when data changes on the server (a sync, an
 * import), the page re-renders within a few seconds, without a reload.
 */
export function LiveRefresh({ asOf }: { asOf: string }) {
  const router = useRouter();
  const [updated, setUpdated] = useState(false);
  useEffect(() => {
    const source = new EventSource("/api/v1/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener("changed", () => {
      clearTimeout(timer);
      // Bursts of syncs refresh once.
      timer = setTimeout(() => {
        setUpdated(true);
        router.refresh();
      }, 1500);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [router]);
  return (
    <p className="text-xs text-gray-500" aria-live="polite" data-live>
      Số liệu tính đến {asOf}
      {updated ? " — vừa cập nhật theo dữ liệu mới" : ""}. Trang tự cập nhật khi có dữ liệu đồng bộ mới.
    </p>
  );
}
