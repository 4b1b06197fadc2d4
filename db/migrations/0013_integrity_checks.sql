-- The results of `tthc verify` and of the nightly check (lib/engine/verify.ts), shown on /quan-tri.
CREATE TABLE "integrity_checks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integrity_checks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"trigger" text NOT NULL,
	"range_from" date,
	"range_to" date,
	"rollup_keys" integer NOT NULL,
	"rollup_differences" integer NOT NULL,
	"dossiers" integer NOT NULL,
	"fact_differences" integer NOT NULL,
	"repaired" jsonb,
	"sample" jsonb,
	"ms" integer NOT NULL
);
--> statement-breakpoint
-- Facts about the database itself, by key: "demo" is what the demo seed wrote (the
-- counts it left), so that a reset can tell a demo database from one holding real data.
CREATE TABLE "portal_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
