import { bandWord, type Band, type BandedIndicator } from "@/lib/method/bands";
import { BAND_COLORS } from "@/lib/ui/colors";

/** A band shown by colour and by its word, never by colour alone; white says why there is no figure. */
export function BandBadge({ band, indicator }: { band: Band; indicator: BandedIndicator }) {
  const c = BAND_COLORS[band];
  return (
    <span
      data-band={band}
      className={`inline-flex items-center rounded-full border border-gray-300 px-2 py-0.5 text-xs font-medium ${c.bg} ${c.fg}`}
    >
      {bandWord(band, indicator)}
    </span>
  );
}
