import type { Metadata } from "next";
import Link from "next/link";
import { calendarForCaller } from "@/lib/data/calendar";
import { formatDay } from "@/lib/format";
import { isoWeekday, localDate } from "@/lib/method/time";
import { requirePage } from "@/lib/page";
import { ActionForm } from "../../../_components/action-form";
import { calendarAction } from "../actions";

export const metadata: Metadata = { title: "Lịch ngày làm việc" };
const WEEKDAYS = ["", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"];

export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const { orm, caller } = await requirePage("calendar:write");
  const year = Number((await searchParams).year) || Number(localDate(new Date()).slice(0, 4));
  const list = await calendarForCaller(orm, caller, year);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Lịch ngày làm việc năm {year}</h1>
      <p className="text-sm text-gray-600">
        Ngày làm việc là thứ Hai đến thứ Sáu, trừ các ngày nghỉ dưới đây; ngày làm bù là ngày làm việc. Mặc định theo Bộ
        luật Lao động 2019 và lịch nghỉ do Chính phủ công bố.
      </p>
      <nav className="flex gap-2 text-sm">
        {[year - 1, year + 1].map((y) => (
          <Link key={y} className="rounded border border-gray-300 bg-white px-2 py-1" href={`/quan-tri/lich?year=${y}`}>
            Năm {y}
          </Link>
        ))}
      </nav>
      <section className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="mb-2 font-semibold">Thêm, sửa hoặc bỏ một ngày</h2>
        <ActionForm action={calendarAction} submit="Cập nhật" className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs">
            Ngày
            <input type="date" name="day" required className="rounded border border-gray-300 px-2 py-1 text-sm" />
          </label>
          <label className="flex flex-col text-xs">
            Loại
            <select name="kind" className="rounded border border-gray-300 px-2 py-1 text-sm">
              <option value="off">Ngày nghỉ</option>
              <option value="makeup">Ngày làm bù</option>
              <option value="remove">Bỏ ngoại lệ</option>
            </select>
          </label>
          <label className="flex flex-col text-xs">
            Tên
            <input
              name="name"
              className="rounded border border-gray-300 px-2 py-1 text-sm"
              placeholder="Ngày Văn hóa Việt Nam"
            />
          </label>
          <label className="flex flex-col text-xs">
            Căn cứ
            <input
              name="source"
              className="rounded border border-gray-300 px-2 py-1 text-sm"
              placeholder="Số văn bản"
            />
          </label>
        </ActionForm>
      </section>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Các ngày nghỉ, ngày làm bù">
        <table className="min-w-full rounded-lg border border-gray-200 bg-white text-sm">
          <thead className="bg-gray-50 text-left">
            <tr>
              <th className="px-2 py-2">Ngày</th>
              <th className="px-2 py-2">Loại</th>
              <th className="px-2 py-2">Tên</th>
              <th className="px-2 py-2">Căn cứ</th>
            </tr>
          </thead>
          <tbody>
            {list.map((e) => (
              <tr key={e.day} className="border-t border-gray-100">
                <td className="px-2 py-1.5 whitespace-nowrap">
                  {WEEKDAYS[isoWeekday(e.day)]}, {formatDay(e.day)}
                </td>
                <td className="px-2 py-1.5">{e.kind === "off" ? "Nghỉ" : "Làm bù"}</td>
                <td className="px-2 py-1.5">{e.name}</td>
                <td className="px-2 py-1.5 text-gray-600">{e.source ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
