-- METHOD-STEPS on each step, kept on write (lib/engine/derive-sql.ts, STEP_DERIVED_COLUMNS)
-- so that the process view of a unit reads one index range instead of deriving every step
-- of its dossiers at read time (issue #24, item 7): where the step was held from (S.1.3),
-- its working days (S.1.4), whether it ended after its own deadline (S.1.5), and its
-- dossier's unit and procedure (S.2.2's scope and filters). Null for status 1.
ALTER TABLE "process_steps" ADD COLUMN "held_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "process_steps" ADD COLUMN "held_days" integer;--> statement-breakpoint
ALTER TABLE "process_steps" ADD COLUMN "late" boolean;--> statement-breakpoint
ALTER TABLE "process_steps" ADD COLUMN "unit_code" text;--> statement-breakpoint
ALTER TABLE "process_steps" ADD COLUMN "procedure_code" text;--> statement-breakpoint
-- The steps already stored, by the rules as they stand in this migration; `tthc verify`
-- compares every stored value with the code's (stepsDerivedSql) and repairs a difference.
UPDATE "process_steps" t SET "held_from" = x."held_from", "held_days" = x."held_days", "late" = x."late",
  "unit_code" = x."unit_code", "procedure_code" = x."procedure_code"
FROM (
  SELECT h.*,
    (SELECT w."ord" FROM "work_days" w WHERE w."day" = (h."at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)
      - (SELECT w."ord" FROM "work_days" w WHERE w."day" = (h."held_from" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date) AS "held_days",
    CASE WHEN h."status" <> 1 THEN h."at" > CASE
      WHEN h."step_due_at" = ((h."step_due_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
        THEN ((h."step_due_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' - interval '1 millisecond'
      ELSE h."step_due_at" END END AS "late"
  FROM (
    SELECT s."province_code", s."dossier_id", s."status", s."at", s."step_due_at", d."unit_code", d."procedure_code",
      CASE WHEN s."status" = 1 THEN NULL
        WHEN s."started_at" <= s."at" THEN s."started_at"
        ELSE least(coalesce(lag(s."at") OVER (PARTITION BY s."province_code", s."dossier_id", s."status" = 1 ORDER BY s."at", s."status"),
          d."start_at", s."at"), s."at") END AS "held_from"
    FROM "process_steps" s JOIN "dossiers" d ON d."province_code" = s."province_code" AND d."id" = s."dossier_id"
  ) h
) x
WHERE t."province_code" = x."province_code" AND t."dossier_id" = x."dossier_id" AND t."status" = x."status" AND t."at" = x."at";
--> statement-breakpoint
-- A unit's steps of a period in one index range; INCLUDE carries what the process view
-- groups by, so that a vacuumed table answers from the index alone (lib/engine/step-figures.ts).
-- Its texts are bounded by the sync schema (PhongBanXuLy 300, NguoiXuLy 200 characters), well
-- under a btree entry's 2,704 bytes.
CREATE INDEX "process_steps_unit_at_idx" ON "process_steps" ("unit_code", "at")
  INCLUDE ("province_code", "procedure_code", "status", "department", "handler", "held_days", "late", "started_at", "step_due_at", "dossier_id");
