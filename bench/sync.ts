/**
 * `npm run bench:sync` — sustained sync ingest over HTTP to the built app, beside a
 * raw COPY of the same rows into the same table, measured in the same run on the
 * same PostgreSQL (DATABASE_URL). Writes its keys into bench/results.json.
 *
 * It works in a scratch database created next to DATABASE_URL's and dropped after.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres from "postgres";
import { openStore } from "@/lib/store/open";
import { env } from "@/lib/env";
import { upsertAuthorities, upsertProcedures, upsertUnits, type DossierRow } from "@/lib/store/writes";
import { issueToken } from "@/lib/store/tokens";
import { demoDossiers, demoReference } from "@/lib/demo/generate";
import { parseInstant } from "@/lib/method/time";
import { startServer } from "./lib/server";
import { scratchDatabase } from "./lib/scratch";

const BATCH = 1000;
const PORT = 3199;

const pad = (n: number) => String(n).padStart(2, "0");
/** An instant as DVCQG's `yyyyMMddHHmmss` in local time. */
function dvcqgDate(d: Date | null): string {
  if (!d) return "";
  const l = new Date(d.getTime() + 7 * 3600_000);
  return `${l.getUTCFullYear()}${pad(l.getUTCMonth() + 1)}${pad(l.getUTCDate())}${pad(l.getUTCHours())}${pad(l.getUTCMinutes())}${pad(l.getUTCSeconds())}`;
}

/** A dossier as a one-stop system sends it, with five process steps. */
export function toRecord(d: DossierRow) {
  const start = d.receivedAt ?? d.syncedAt ?? new Date();
  const steps = [2, 4, 5, 4, 9].map((status, i) => ({
    TrangThai: String(status),
    ThoiDiemXuLy: dvcqgDate(new Date(start.getTime() + i * 3_600_000)),
    NguoiXuLy: "Cán bộ",
    NoiDungXuLy: "Xử lý",
  }));
  return {
    MaHoSo: d.code,
    MaTTHC: d.procedureCode ?? "",
    MaDonVi: d.unitCode,
    KenhThucHien: d.channel == null ? "" : String(d.channel),
    NguonNop: d.source ?? "",
    TrangThaiHoSo: "9",
    NgayNopHoSo: dvcqgDate(d.submittedAt),
    NgayTiepNhan: dvcqgDate(start),
    NgayHenTra: "",
    NgayTra: "",
    NgayKetThucXuLy: "",
    NgayTuChoi: "",
    DuocThanhToanTrucTuyen: d.paidOnline ? String(d.paidOnline) : "",
    ChuHoSo: "Nguyễn Văn A",
    DanhSachLePhi: d.feeLines ? [{ TenPhiLePhi: "Lệ phí", MaPhiLePhi: "LP", Gia: d.feePositive ? "50000" : "0" }] : [],
    QuaTrinhXuLy: steps,
  };
}

const iso = (s: string) => parseInstant(s)?.toISOString() ?? null;
const csvCell = (v: unknown) => (v == null ? "" : `"${String(v).replaceAll('"', '""')}"`);

/**
 * Sync ingest over HTTP against COPY of the same rows, in a scratch database next to
 * `databaseUrl`'s. Returns the figures (and merges them into bench/results.json).
 */
export async function measureSync(databaseUrl: string, BATCHES = 40) {
  const log = (s: string) => console.error(`[bench:sync] ${s}`);
  const scratch = await scratchDatabase(databaseUrl, "benchsync");
  const url = new URL(scratch.url);

  log("scratch database ready");
  const db = await openStore({ url: url.toString() });
  log("migrated");
  const ref = demoReference();
  await upsertUnits(db.orm, ref.units);
  await upsertProcedures(db.orm, ref.procedures);
  await upsertAuthorities(db.orm, ref.authorities);
  const { token } = await issueToken(db.orm, { name: "bench", unitCode: ref.units[0].code });
  const rowsAll: DossierRow[] = [];
  for (const chunk of demoDossiers(
    ref,
    { dossiers: BATCH * (BATCHES + 1) + 5000, until: "2026-06-30", now: new Date("2026-07-01T00:00:00Z") },
    BATCH,
  ))
    rowsAll.push(...chunk);
  const batches = Array.from({ length: BATCHES + 1 }, (_, i) =>
    rowsAll.slice(i * BATCH, (i + 1) * BATCH).map(toRecord),
  );

  const server = await startServer(url.toString(), PORT);
  try {
    const send = async (data: unknown[]) => {
      const res = await fetch(`${server.base}/api/v1/sync`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ service: "DongBoHoSoMC", isUpdating: "False", data }),
      });
      const json = (await res.json()) as { accepted?: number };
      if (res.status !== 200 || json.accepted !== data.length)
        throw new Error(`sync failed: ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    };
    const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    // METHOD's rollup (dossiers_rollup_*) and METHOD-766's (dossiers_rollup766_*).
    const rollupTriggers = (on: boolean, rollups: string[] = ["rollup", "rollup766"]) =>
      sql.unsafe(
        `alter table dossiers ${rollups
          .flatMap((r) =>
            ["insert", "update", "delete"].map((t) => `${on ? "enable" : "disable"} trigger dossiers_${r}_${t}`),
          )
          .join(", ")}`,
      );
    const ingest = async () => {
      await sql`truncate dossiers, process_steps`;
      await send(batches[0]); // warm-up: compiles the route, fills caches
      const t0 = performance.now();
      for (const b of batches.slice(1)) await send(b);
      return (BATCH * BATCHES) / ((performance.now() - t0) / 1000);
    };
    const ingestDossiersPerSec = await ingest();
    // What the rollups cost the writer: the same sync with the 766 one off, then with both off.
    await rollupTriggers(false, ["rollup766"]);
    const ingestNoRollup766DossiersPerSec = await ingest();
    await rollupTriggers(false);
    const ingestNoRollupDossiersPerSec = await ingest();

    // The same rows by COPY into the same tables (emptied first, no rollup): each dossier
    // and its five steps, as the sync wrote them. The ids COPY assigns are read back to link the steps.
    await sql`truncate dossiers, process_steps`;
    const sent = batches.slice(1).flat();
    const province = ref.units.find((u) => u.parentCode === null)!.code;
    const cols = [
      "province_code",
      "code",
      "procedure_code",
      "unit_code",
      "channel",
      "status",
      "received_at",
      "synced_at",
      "fee_lines",
      "fee_positive",
      "raw",
    ];
    const dossierLines = sent.map(
      (r) =>
        [
          province,
          r.MaHoSo,
          r.MaTTHC,
          r.MaDonVi,
          r.KenhThucHien || null,
          9,
          iso(r.NgayTiepNhan),
          new Date().toISOString(),
          r.DanhSachLePhi.length,
          r.DanhSachLePhi.some((l) => Number(l.Gia) > 0),
          JSON.stringify(r),
        ]
          .map(csvCell)
          .join(",") + "\n",
    );
    const t1 = performance.now();
    await pipeline(
      Readable.from(dossierLines),
      await sql.unsafe(`copy dossiers (${cols.join(", ")}) from stdin with (format csv)`).writable(),
    );
    const ids = new Map(
      (await sql<{ id: string; code: string }[]>`select id, code from dossiers`).map((r) => [r.code, r.id]),
    );
    const stepLines = sent.flatMap((r) =>
      r.QuaTrinhXuLy.map(
        (st) =>
          [province, ids.get(r.MaHoSo), st.TrangThai, iso(st.ThoiDiemXuLy), st.NguoiXuLy, st.NoiDungXuLy]
            .map(csvCell)
            .join(",") + "\n",
      ),
    );
    await pipeline(
      Readable.from(stepLines),
      await sql
        .unsafe(
          "copy process_steps (province_code, dossier_id, status, at, handler, content) from stdin with (format csv)",
        )
        .writable(),
    );
    const copySec = (performance.now() - t1) / 1000;
    await rollupTriggers(true);
    await sql.end();
    const copyDossiersPerSec = sent.length / copySec;
    const copyRowsPerSec = (dossierLines.length + stepLines.length) / copySec;

    const result = {
      ingestDossiersPerSec: Math.round(ingestDossiersPerSec),
      copyRowsPerSec: Math.round(copyRowsPerSec),
      copyDossiersPerSec: Math.round(copyDossiersPerSec),
      ingestVsCopy: Number((ingestDossiersPerSec / copyDossiersPerSec).toFixed(3)),
      ingestNoRollupDossiersPerSec: Math.round(ingestNoRollupDossiersPerSec),
      ingestNoRollup766DossiersPerSec: Math.round(ingestNoRollup766DossiersPerSec),
      rollupIngestSlowdown: Number((1 - ingestDossiersPerSec / ingestNoRollupDossiersPerSec).toFixed(3)),
      rollup766IngestSlowdown: Number((1 - ingestDossiersPerSec / ingestNoRollup766DossiersPerSec).toFixed(3)),
    };
    console.table({
      "sync over HTTP (dossiers/s, 5 steps each)": result.ingestDossiersPerSec,
      "COPY of the same rows (dossiers/s, 5 steps each)": result.copyDossiersPerSec,
      "COPY (rows/s)": result.copyRowsPerSec,
      "ingest ÷ COPY": result.ingestVsCopy,
      "sync without the 766 rollup (dossiers/s)": result.ingestNoRollup766DossiersPerSec,
      "sync without either rollup (dossiers/s)": result.ingestNoRollupDossiersPerSec,
    });
    const file = path.join("bench", "results.json");
    const prev = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {};
    fs.writeFileSync(
      file,
      `${JSON.stringify({ ...prev, ...result, syncBatches: BATCHES, syncBatchSize: BATCH }, null, 2)}\n`,
    );
    return result;
  } finally {
    await server.stop();
    await db.close();
    await scratch.drop();
  }
}

// `npm run bench:sync [batches]`
if (import.meta.url === pathToFileURL(path.resolve(process.argv[1] ?? "")).href) {
  if (!env.DATABASE_URL) {
    console.error("Cần DATABASE_URL trỏ tới PostgreSQL / DATABASE_URL must point at PostgreSQL");
    process.exit(2);
  }
  await measureSync(env.DATABASE_URL, Number(process.argv[2] ?? 40));
}
