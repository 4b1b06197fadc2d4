"use client";
import { LineChart } from "@tremor/react";

export interface TrendPoint {
  month: string;
  [series: string]: string | number | null;
}

// A no-break space keeps "100 điểm" on one line beside the axis (it wrapped and was cut off).
const pct = (v: number) => `${v.toLocaleString("vi-VN", { maximumFractionDigits: 1 })}\u00a0%`;
const pts = (v: number) => `${v.toLocaleString("vi-VN", { maximumFractionDigits: 2 })}\u00a0điểm`;

/** One group's 12-month trend (rates in percent, or points of the 766 index; gaps where undefined). */
export function TrendChart({
  title,
  data,
  series,
  color,
  unit = "percent",
}: {
  title: string;
  data: TrendPoint[];
  series: string;
  color: string;
  unit?: "percent" | "points";
}) {
  return (
    <figure className="rounded-lg border border-gray-200 bg-white p-3" data-trend={title}>
      <figcaption className="text-sm font-medium text-gray-700">{title}</figcaption>
      <LineChart
        className="mt-2 h-40"
        data={data}
        index="month"
        categories={[series]}
        colors={[color]}
        valueFormatter={unit === "points" ? pts : pct}
        showLegend={false}
        yAxisWidth={unit === "points" ? 84 : 72}
        connectNulls={false}
      />
    </figure>
  );
}
