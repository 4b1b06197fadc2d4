-- METHOD-766 §2.1 read once per dossier over every event and kept with it (lib/method/i766/ontime.ts
-- history766): reads whose as-of instant is on or after the last event use it instead of the steps.
ALTER TABLE "dossiers" ADD COLUMN "history766" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "end766_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "end766_status" smallint;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "wait766_ms" double precision;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "supplements766" smallint;--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "last_event_at" timestamp with time zone;