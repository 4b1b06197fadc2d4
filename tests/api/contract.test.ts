/**
 * The OpenAPI document is the contract (issue #22, item 5; DATA.md §1–§3): every operation
 * it lists is driven with requests generated from its own schemas — valid ones, ones broken
 * by one mutation, anonymous and with a wrong token — and every response is held to it by
 * `call` (tests/helpers/contract.ts: status documented, body valid, headers present). Then:
 * no 5xx, no undocumented status, no mismatch; every DongBoHoSoMC record the document calls
 * valid is accepted (DATA.md §1); every valid CapNhatTienDoHoSoMC step of a synced dossier too.
 */
import { afterAll, describe, expect, it } from "vitest";
import { POST as sync } from "@/app/api/v1/sync/route";
import { GET as indicators } from "@/app/api/v1/indicators/route";
import { GET as steps } from "@/app/api/v1/steps/route";
import { GET as worklist } from "@/app/api/v1/worklist/route";
import { GET as explain } from "@/app/api/v1/dossiers/[code]/explain/route";
import { POST as importRoute } from "@/app/api/v1/import/[kind]/route";
import { GET as quarantine } from "@/app/api/v1/quarantine/route";
import { POST as resend } from "@/app/api/v1/quarantine/[id]/resend/route";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/tokens/route";
import { DELETE as revokeToken } from "@/app/api/v1/tokens/[id]/route";
import { GET as events } from "@/app/api/v1/events/route";
import { GET as workbook } from "@/app/api/v1/reports/scorecard.xlsx/route";
import { GET as openapi } from "@/app/api/v1/openapi.json/route";
import { resetLimits } from "@/lib/api/limits";
import { prng, type Rng } from "@/lib/demo/generate";
import { call, type CallOptions } from "../helpers/api";
import { operations, tally, validatorAt, type Operation } from "../helpers/contract";
import { mutate, resolve, sample, type Hints, type Schema } from "../helpers/samples";
import { withSmallProvince } from "../helpers/province";

const province = withSmallProvince();
const HANDLERS: Record<string, unknown> = {
  sync,
  indicators,
  explainDossier: explain,
  importReference: importRoute,
  listQuarantine: quarantine,
  resendQuarantined: resend,
  listTokens,
  createToken,
  revokeToken,
  events,
  scorecardWorkbook: workbook,
  openapi,
  steps,
  worklist,
};
const UNITS = ["T", "A", "A1", "B"];
/** Another seed draws other requests: `CONTRACT_SEED=7 npx vitest run tests/api/contract.test.ts`. */
const SEED = Number(process.env.CONTRACT_SEED ?? 2026);
const synced: string[] = [];
const quarantined: Array<{ id: number; service: string }> = [];
const issuedTokens: number[] = [];
const count = {
  requests: 0,
  valid: 0,
  invalid: 0,
  anonymous: 0,
  records: 0,
  byStatus: {} as Record<string, number>,
  byOperation: {} as Record<string, Record<string, number>>,
};
let serial = 0;
const HIST: string[] = [];

const hints = (rng: Rng, service?: string, anonymous = false): Hints => ({
  MaDonVi: () => rng.pick(UNITS),
  madonvi: () => rng.pick(UNITS),
  session: () => (anonymous ? undefined : province.tokens.T),
  MaTTHC: () => rng.pick(["P1", "P2", "CHUA-CO-TRONG-DANH-MUC"]),
  MaHoSo: () => (service === "CapNhatTienDoHoSoMC" && synced.length ? rng.pick(synced) : `HD-${++serial}`),
  unit: () => rng.pick([...UNITS, "KHONG-CO"]),
  parent: () => rng.pick(UNITS),
  area: () => rng.pick(UNITS),
  procedure: () => rng.pick(["P1", "P2"]),
  field: () => "F",
  unitCode: () => rng.pick([...UNITS, "KHONG-CO"]),
  from: () => rng.pick(["2025-03-01", "2025-01-01", "2024-06-01"]),
  to: () => rng.pick(["2025-03-31", "2025-06-30"]),
});

/** Who calls: the province's administrator or its province-wide token, or (for the 401s) nobody or a wrong token. */
function credentials(rng: Rng, op: Operation, anonymous: boolean): Pick<CallOptions, "token" | "userId"> {
  if (anonymous) return rng.chance(0.5) ? {} : { token: "tthc_khong-phai-ma-that-0123456789" };
  const userOnly = [
    "importReference",
    "listTokens",
    "createToken",
    "revokeToken",
    "resendQuarantined",
    "listQuarantine",
  ].includes(op.op.operationId);
  return userOnly || rng.chance(0.5) ? { userId: province.users.admin } : { token: province.tokens.T };
}

interface Request {
  url: string;
  options: CallOptions;
  valid: boolean;
  service?: string;
  records?: number;
  why?: string;
}

function build(op: Operation, rng: Rng, breakIt: boolean, anonymous: boolean): Request {
  const o = op.op;
  const query = new URLSearchParams();
  const params: Record<string, string> = {};
  const inPath: Record<string, string> = {};
  let valid = true;
  const hint = hints(rng);
  for (const p of o.parameters ?? []) {
    if (p.in === "query" && !p.required && rng.chance(0.5)) continue;
    let v: unknown;
    if (p.in === "path" && p.name === "MaHoSo")
      v = synced.length && rng.chance(0.8) ? rng.pick(synced) : `KHONG-CO-${rng.int(1, 99)}`;
    else if (p.in === "path" && p.name === "id" && op.op.operationId === "resendQuarantined")
      v = quarantined.length && rng.chance(0.8) ? rng.pick(quarantined).id : rng.int(1_000_000, 9_999_999); // none so far: 404
    else if (p.in === "path" && p.name === "id")
      v = issuedTokens.length && rng.chance(0.7) ? issuedTokens.pop() : rng.int(1_000_000, 9_999_999);
    else v = sample(p.schema, rng, hint, p.name);
    if (p.in === "path") inPath[p.name] = String(v);
    else query.set(p.name, String(v));
  }
  let body: unknown;
  let rawBody: string | undefined;
  let service: string | undefined;
  let why: string | undefined;
  const headers: Record<string, string> = {};
  const content = o.requestBody?.content ?? {};
  if (content["application/json"]) {
    let schema = content["application/json"].schema as Schema;
    if (o.operationId === "sync") {
      service = rng.chance(0.75) || !synced.length ? "DongBoHoSoMC" : "CapNhatTienDoHoSoMC";
      schema = { $ref: `#/components/schemas/Envelope${service}` };
    } else if (o.operationId === "resendQuarantined") {
      const q = quarantined.find((x) => String(x.id) === inPath.id);
      service = q?.service ?? "DongBoHoSoMC";
      if (service === "CapNhatTienDoHoSoMC" && !synced.length) service = "DongBoHoSoMC";
      schema = { $ref: `#/components/schemas/${service}` };
    }
    // Values the schema alone cannot make valid (a unit named in the envelope or in each
    // record) come out right often enough: draw until the document calls one valid.
    for (let tries = 0; ; tries++) {
      body = sample(schema, rng, hints(rng, service, anonymous), "", o.operationId === "sync" ? 12 : 3);
      if (docValid(schema, body)) break;
      if (tries > 100)
        throw new Error(`no valid body drawn for ${o.operationId}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    if (breakIt) {
      const broken = mutate(body, schema, rng);
      if (broken !== undefined && !docValid(schema, broken)) {
        body = broken;
        valid = false;
        why = whyInvalid(schema, broken);
      }
    }
  } else if (content["text/csv"]) {
    // A file of the kind named in the path (DATA.md §2), or text that is not one.
    const files: Record<string, string> = {
      thutuc: "MaTTHC,TenTTHC,MaLinhVuc,TenLinhVuc,ThoiHan,DonViTinh,CoPhiLePhi\nP9,Thủ tục mới,F,Lĩnh vực,3,Tháng,0\n",
      thamquyen: "MaDonVi,MaTTHC,MucDo,TichHopThanhToan\nB,P1,3,1\n",
      pakn: "MaPAKN,NgayTiepNhan,PhanLoai,MaDonVi,Nganh,LinhVuc\nPK1,2025-03-02,1,A,Tư pháp,F\n",
      baocao: "MaDonVi,TuNgay,DenNgay,Nguon,SoHoSoTiepNhan\nB,2025-04-01,2025-04-30,bcqg,7\n",
    };
    rawBody =
      rng.chance(0.6) && files[inPath.kind]
        ? files[inPath.kind]
        : rng.pick(["MaTTHC,TenTTHC\nP9,=1+1\n", "a;b;c\n1;2;3\n", "", "=cmd|' /C calc'!A0\n"]);
    headers["content-type"] = "text/csv";
  }
  if (breakIt && valid) {
    // No body to break, or it stayed valid: break the query or the path instead.
    const names = [...query.keys()];
    const pathNames = Object.keys(inPath);
    if (names.length && (rng.chance(0.5) || !pathNames.length)) {
      const n = rng.pick(names);
      if (rng.chance(0.3)) {
        query.append(n, query.get(n)!); // a single-valued parameter twice
        valid = false;
      } else {
        const bad = rng.pick(["2025-02-30", "-1", "x".repeat(300), "0x10", "TRUE", "\u0000", "1e309", ""]);
        if (!paramValid(op, n, bad)) {
          query.set(n, bad);
          valid = false;
        }
      }
    } else if (pathNames.length) {
      const n = rng.pick(pathNames);
      const bad = rng.pick(["0x6b", "%", "1e3", "%2e%2e", "x".repeat(150), "-5", "toString"]);
      if (!paramValid(op, n, bad)) {
        inPath[n] = bad;
        valid = false;
      }
    }
  }
  let path = op.path;
  for (const [name, value] of Object.entries(inPath)) {
    params[name === "MaHoSo" ? "code" : name] = encodeURIComponent(value);
    path = path.replace(`{${name}}`, encodeURIComponent(value));
  }
  const qs = query.toString();
  return {
    url: `/api/v1${path}${qs ? `?${qs}` : ""}`,
    options: { method: op.method, body, rawBody, headers, params, stream: o.operationId === "events" },
    valid,
    why,
    service,
    records: Array.isArray((body as { data?: unknown[] })?.data)
      ? (body as { data: unknown[] }).data.length
      : undefined,
  };
}

/** Whether the document takes `raw` (as sent in the URL) for the parameter `name`. */
function paramValid(op: Operation, name: string, raw: string): boolean {
  const i = (op.op.parameters ?? []).findIndex((p) => p.name === name);
  const schema = op.op.parameters![i].schema;
  const asNumber = schema.type === "integer" && /^-?(0|[1-9][0-9]*)$/.test(raw) ? Number(raw) : raw;
  return validatorAt("paths", op.path, op.method.toLowerCase(), "parameters", String(i), "schema")(asNumber);
}

function whyInvalid(schema: Schema, value: unknown): string {
  const v = validatorAt(...(schema.$ref as string).replace(/^#\//, "").split("/"));
  v(value);
  return JSON.stringify(v.errors?.slice(0, 4).map((e) => `${e.instancePath} ${e.message}`));
}

function docValid(schema: Schema, value: unknown): boolean {
  const ref = schema.$ref as string | undefined;
  if (ref) return validatorAt(...ref.replace(/^#\//, "").split("/"))(value);
  return !!resolve(schema) && validatorAt("components", "schemas", "StorableJson")(value);
}

async function send(op: Operation, r: Request, who: Pick<CallOptions, "token" | "userId">) {
  resetLimits(); // each request is judged on its content, not on the rate of a test that sends hundreds
  const res = await call(HANDLERS[op.op.operationId], r.url, { ...r.options, ...who }); // throws on any contract break
  count.requests++;
  count.byStatus[res.status] = (count.byStatus[res.status] ?? 0) + 1;
  const mine = (count.byOperation[op.op.operationId] ??= {});
  mine[res.status] = (mine[res.status] ?? 0) + 1;
  return res;
}

/** Records waiting to be fixed, of both services: a record without its status is refused whatever else it holds. */
async function fillQuarantine() {
  for (const [service, data] of [
    ["DongBoHoSoMC", Array.from({ length: 60 }, (_, i) => ({ MaHoSo: `Q-${i}`, MaDonVi: "A" }))],
    ["CapNhatTienDoHoSoMC", synced.slice(0, 40).map((code) => ({ MaHoSo: code, ThoiDiemXuLy: "20250305080000" }))],
  ] as const) {
    resetLimits();
    const r = await call(sync, "/api/v1/sync", { token: province.tokens.T, body: { service, data } });
    for (const x of r.json.results) if (x.quarantineId) quarantined.push({ id: x.quarantineId, service });
  }
}

const ORDER = [
  "sync",
  "createToken",
  "indicators",
  "steps",
  "worklist",
  "explainDossier",
  "listQuarantine",
  "resendQuarantined",
  "scorecardWorkbook",
  "importReference",
  "listTokens",
  "revokeToken",
  "events",
  "openapi",
];

describe("every operation of the document, driven with generated input (issue #22: the document is the contract)", () => {
  it("the document names exactly the operations this test drives", () => {
    expect(operations.map((o) => o.op.operationId).sort()).toEqual([...ORDER].sort());
  });

  for (const id of ORDER) {
    it(`${id}: valid, broken and anonymous requests get only documented answers`, async () => {
      const op = operations.find((o) => o.op.operationId === id)!;
      const rng = prng(ORDER.indexOf(id) + SEED);
      if (id === "resendQuarantined") await fillQuarantine();
      const rounds = { valid: 120, broken: 80, anonymous: 10 };
      if (["scorecardWorkbook", "events", "openapi"].includes(id))
        Object.assign(rounds, { valid: 30, broken: 20, anonymous: 5 });
      for (let i = 0; i < rounds.valid + rounds.broken + rounds.anonymous; i++) {
        const anonymous = i >= rounds.valid + rounds.broken;
        const r = build(op, rng, i >= rounds.valid && !anonymous, anonymous);
        const res = await send(op, r, credentials(rng, op, anonymous));
        if (anonymous) {
          count.anonymous++;
          if (id !== "openapi") expect(res.status, r.url).toBe(401);
          continue;
        }
        if (r.valid) count.valid++;
        else count.invalid++;
        // What the document refuses, the server refuses: the request, or (a sync) the broken record beside the valid ones.
        HIST.push(`${r.url} ${res.status} ${r.valid}`);
        if (!r.valid) {
          const refused =
            res.status >= 400 ||
            (id === "sync" && res.json.results.some((x: { status: string }) => x.status === "rejected"));
          expect(
            refused,
            `${r.url} → ${res.status}: ${r.why} ${JSON.stringify(r.options.body ?? "").slice(0, 300)}`,
          ).toBe(true);
        }
        // DATA.md §1: a record the document calls valid is accepted, never quarantined.
        if (id === "sync" && r.valid) {
          expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(200);
          expect(
            res.json.results.filter((x: { status: string }) => x.status !== "ok"),
            JSON.stringify(r.options.body).slice(0, 800),
          ).toEqual([]);
          count.records += r.records ?? 0;
          if (r.service === "DongBoHoSoMC")
            synced.push(...(r.options.body as { data: Array<{ MaHoSo: string }> }).data.map((d) => d.MaHoSo));
        }
        if (id === "sync" && res.status === 200) {
          for (const x of res.json.results)
            if (x.quarantineId) quarantined.push({ id: x.quarantineId, service: r.service! });
        }
        if (id === "resendQuarantined" && r.valid && res.status === 422) {
          throw new Error(
            `a corrected record valid by the document was refused: ${r.url} ${JSON.stringify(res.json).slice(0, 500)} ${JSON.stringify(HIST.filter((h) => h.startsWith(r.url)))}`,
          );
        }
        // Accepted: the record is no longer waiting (a second resend is refused: "already handled").
        if (id === "resendQuarantined" && res.status === 200)
          quarantined.splice(
            quarantined.findIndex((q) => String(q.id) === r.options.params?.id),
            1,
          );
        if (id === "createToken" && res.status === 201) issuedTokens.push(res.json.id);
      }
      // The generated requests reach the operation's success, not only its refusals.
      expect(
        Object.keys(count.byOperation[id]).some((s) => s.startsWith("2")),
        JSON.stringify(count.byOperation[id]),
      ).toBe(true);
    });
  }

  afterAll(() => {
    // The counts of the closing note: requests, and what the document was asked to cover.
    console.log(`contract run: ${JSON.stringify({ ...count, ...tally })}`);
    expect(tally.serverErrors).toBe(0);
    expect(tally.undocumented).toBe(0);
    expect(tally.mismatches).toBe(0);
  });
});
