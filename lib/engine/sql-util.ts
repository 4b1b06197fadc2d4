/** Small helpers for raw SQL shared by the engine modules. */
import { sql, type SQL } from "drizzle-orm";

/** The time zone of METHOD §0.1, as a SQL literal. */
export const TZ_SQL = sql.raw(`'Asia/Ho_Chi_Minh'`);

/** An instant parameter, sent as ISO text and cast (neither driver's Date handling applies). */
export const instant = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

/** A list parameter as one JSON array, expanded in SQL: `x in (select … from json_list)`. */
export const textList = (values: readonly string[]): SQL =>
  sql`(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

/** Epoch milliseconds of a timestamptz column, for driver-neutral transport. */
export const epochMs = (col: SQL): SQL => sql`(extract(epoch from ${col}) * 1000)::float8`;

export const fromEpochMs = (v: unknown): Date | null => (v == null ? null : new Date(Number(v)));
