/** Plain-text tables for the terminal, with the §0.4 bands as colours and words. */
import { BAND_LABELS, type Band } from "@/lib/method/bands";

const ANSI: Record<Band, string> = {
  green: "\x1b[42;30m",
  yellow: "\x1b[43;30m",
  orange: "\x1b[48;5;208;30m",
  red: "\x1b[41;97m",
  white: "\x1b[47;30m",
};

/** Display width, counting combining marks (Vietnamese diacritics) as zero. */
export const width = (s: string) => s.normalize("NFC").replace(/\x1b\[[0-9;]*m/g, "").length;
const pad = (s: string, w: number, right = false) =>
  right ? " ".repeat(Math.max(0, w - width(s))) + s : s + " ".repeat(Math.max(0, w - width(s)));

export function bandCell(text: string, band: Band, color: boolean): string {
  return color ? `${ANSI[band]} ${text} \x1b[0m` : `${text} [${BAND_LABELS[band]}]`;
}

export function renderTable(header: string[], rows: string[][], rightAlign: boolean[] = []): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], rightAlign[i])).join("  ");
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
