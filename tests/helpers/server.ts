import postgres from "postgres";

/** Runs `fn` with a maintenance connection to the server of `url`. */
export async function withServer<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

export const templateName = () => `tthc_template_${process.pid}`;
