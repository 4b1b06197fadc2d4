-- Ready to distribute (docs/scale.md, Citus): the tables that grow with the dossiers carry
-- the province of their unit, filled at write time, and every primary and unique key
-- includes it, so that distributing them by province is create_distributed_table calls.
-- The province of a unit is the top of its tree ('' for a unit the tree does not hold).
CREATE FUNCTION "province_of"(unit text) RETURNS text LANGUAGE sql STABLE AS $$
  select coalesce((select c.ancestor_code from unit_closure c where c.descendant_code = unit
    order by c.depth desc limit 1), '')
$$;--> statement-breakpoint
ALTER TABLE "process_steps" DROP CONSTRAINT "process_steps_dossier_id_dossiers_id_fk";--> statement-breakpoint
DROP INDEX "dossiers_code_idx";--> statement-breakpoint
ALTER TABLE "authorities" DROP CONSTRAINT "authorities_unit_code_procedure_code_pk";--> statement-breakpoint
ALTER TABLE "process_steps" DROP CONSTRAINT "process_steps_dossier_id_status_at_pk";--> statement-breakpoint
ALTER TABLE "reported_totals" DROP CONSTRAINT "reported_totals_unit_code_from_day_to_day_source_pk";--> statement-breakpoint
ALTER TABLE "dossiers" DROP CONSTRAINT "dossiers_pkey";--> statement-breakpoint
ALTER TABLE "feedback" DROP CONSTRAINT "feedback_pkey";--> statement-breakpoint
ALTER TABLE "rejected_records" DROP CONSTRAINT "rejected_records_pkey";--> statement-breakpoint
ALTER TABLE "authorities" ADD COLUMN "province_code" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "dossiers" ADD COLUMN "province_code" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "feedback" ADD COLUMN "province_code" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "process_steps" ADD COLUMN "province_code" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "rejected_records" ADD COLUMN "province_code" text NOT NULL DEFAULT '';--> statement-breakpoint
ALTER TABLE "reported_totals" ADD COLUMN "province_code" text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE "authorities" SET "province_code" = province_of("unit_code");--> statement-breakpoint
UPDATE "dossiers" SET "province_code" = province_of("unit_code");--> statement-breakpoint
UPDATE "feedback" SET "province_code" = province_of("unit_code");--> statement-breakpoint
UPDATE "process_steps" p SET "province_code" = d."province_code" FROM "dossiers" d WHERE d."id" = p."dossier_id";--> statement-breakpoint
UPDATE "rejected_records" SET "province_code" = province_of("unit_code");--> statement-breakpoint
UPDATE "reported_totals" SET "province_code" = province_of("unit_code");--> statement-breakpoint
-- No default from here on: a write that does not say the province is an error, not a row on the wrong shard.
ALTER TABLE "authorities" ALTER COLUMN "province_code" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "dossiers" ALTER COLUMN "province_code" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "feedback" ALTER COLUMN "province_code" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "process_steps" ALTER COLUMN "province_code" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "rejected_records" ALTER COLUMN "province_code" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "reported_totals" ALTER COLUMN "province_code" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "authorities" ADD CONSTRAINT "authorities_province_code_unit_code_procedure_code_pk" PRIMARY KEY("province_code","unit_code","procedure_code");--> statement-breakpoint
ALTER TABLE "dossiers" ADD CONSTRAINT "dossiers_province_code_id_pk" PRIMARY KEY("province_code","id");--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_province_code_code_pk" PRIMARY KEY("province_code","code");--> statement-breakpoint
ALTER TABLE "process_steps" ADD CONSTRAINT "process_steps_province_code_dossier_id_status_at_pk" PRIMARY KEY("province_code","dossier_id","status","at");--> statement-breakpoint
ALTER TABLE "rejected_records" ADD CONSTRAINT "rejected_records_province_code_id_pk" PRIMARY KEY("province_code","id");--> statement-breakpoint
ALTER TABLE "reported_totals" ADD CONSTRAINT "reported_totals_province_code_unit_code_from_day_to_day_source_pk" PRIMARY KEY("province_code","unit_code","from_day","to_day","source");--> statement-breakpoint
ALTER TABLE "process_steps" ADD CONSTRAINT "process_steps_province_code_dossier_id_dossiers_province_code_id_fk" FOREIGN KEY ("province_code","dossier_id") REFERENCES "public"."dossiers"("province_code","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_idx" ON "dossiers" USING btree ("province_code","code");
