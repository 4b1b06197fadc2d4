"use client";
import { LineChart } from "@tremor/react";

export interface TrendPoint { month: string; [series: string]: string | number | null }

const pct = (v: number) => `${v.toLocaleString("vi-VN", { maximumFractionDigits: 1 })} %`;

/** One group's 12-month trend (rates in percent; gaps where undefined). */
export function TrendChart({ title, data, series, color }: { title: string; data: TrendPoint[]; series: string; color: string }) {
  return (
    <figure className="rounded-lg border border-gray-200 bg-white p-3" data-trend={title}>
      <figcaption className="text-sm font-medium text-gray-700">{title}</figcaption>
      <LineChart className="mt-2 h-40" data={data} index="month" categories={[series]} colors={[color]} valueFormatter={pct}
        showLegend={false} yAxisWidth={56} connectNulls={false} />
    </figure>
  );
}
