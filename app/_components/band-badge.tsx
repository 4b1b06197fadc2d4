import { BAND_COLORS, BAND_LABELS, type Band } from "@/lib/method/bands";

/** A band shown by colour and by its word (METHOD §0.4), never by colour alone. */
export function BandBadge({ band }: { band: Band }) {
  const c = BAND_COLORS[band];
  return (
    <span
      data-band={band}
      className={`inline-flex items-center rounded-full border border-gray-300 px-2 py-0.5 text-xs font-medium ${c.bg} ${c.fg}`}
    >
      {BAND_LABELS[band]}
    </span>
  );
}
