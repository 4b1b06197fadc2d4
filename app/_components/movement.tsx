import { formatCount, formatPoints } from "@/lib/format";

/**
 * A move against the previous period (METHOD-766 §0.5) in arrow and words: points up or
 * down, or places climbed or lost. A change that rounds to nothing reads "không đổi";
 * no comparison reads nothing.
 */
export function Movement({
  value,
  unit,
  className = "",
}: {
  value: number | null | undefined;
  unit: "points" | "places";
  className?: string;
}) {
  if (value == null) return null;
  const shown = unit === "points" ? formatPoints(Math.abs(value)) : formatCount(Math.abs(value));
  const still = unit === "points" ? Math.abs(value) < 0.005 : value === 0;
  const what = unit === "points" ? "điểm" : "bậc";
  if (still)
    return (
      <span className={`whitespace-nowrap text-gray-600 ${className}`} data-move="0">
        {unit === "points" ? "không đổi" : "giữ hạng"}
      </span>
    );
  const up = value > 0;
  return (
    <span
      className={`whitespace-nowrap font-medium ${up ? "text-green-800" : "text-red-700"} ${className}`}
      data-move={up ? "up" : "down"}
      aria-label={`${up ? "tăng" : "giảm"} ${shown} ${what}`}
    >
      {up ? "▲" : "▼"} {shown}
      {unit === "places" ? " bậc" : ""}
    </span>
  );
}
