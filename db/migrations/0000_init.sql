CREATE TABLE "api_tokens" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_tokens_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"unit_code" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "authorities" (
	"unit_code" text NOT NULL,
	"procedure_code" text NOT NULL,
	"online_level" smallint,
	"payment_integrated" boolean DEFAULT false NOT NULL,
	CONSTRAINT "authorities_unit_code_procedure_code_pk" PRIMARY KEY("unit_code","procedure_code")
);
--> statement-breakpoint
CREATE TABLE "calendar_exceptions" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"source" text,
	"builtin" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossiers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dossiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"procedure_code" text,
	"unit_code" text NOT NULL,
	"channel" smallint,
	"source" text,
	"status" smallint NOT NULL,
	"submitted_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"appointment_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"refused_at" timestamp with time zone,
	"paid_online" smallint,
	"fee_lines" smallint DEFAULT 0 NOT NULL,
	"fee_positive" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone NOT NULL,
	"raw" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"start_at" timestamp with time zone,
	"start_source" text,
	"done_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_status" smallint,
	"due_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "feedback" (
	"code" text PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"kind" smallint NOT NULL,
	"unit_code" text NOT NULL,
	"sector" text,
	"field" text
);
--> statement-breakpoint
CREATE TABLE "procedures" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"field_code" text,
	"field_name" text,
	"deadline_value" numeric,
	"deadline_unit" text,
	"has_fee" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "process_steps" (
	"dossier_id" bigint NOT NULL,
	"status" smallint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"handler" text,
	"title" text,
	"department" text,
	"content" text,
	"started_at" timestamp with time zone,
	"step_due_at" timestamp with time zone,
	CONSTRAINT "process_steps_dossier_id_status_at_pk" PRIMARY KEY("dossier_id","status","at")
);
--> statement-breakpoint
CREATE TABLE "rejected_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rejected_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"service" text NOT NULL,
	"unit_code" text,
	"dossier_code" text,
	"payload" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reported_totals" (
	"unit_code" text NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date NOT NULL,
	"source" text NOT NULL,
	"received" integer NOT NULL,
	CONSTRAINT "reported_totals_unit_code_from_day_to_day_source_pk" PRIMARY KEY("unit_code","from_day","to_day","source")
);
--> statement-breakpoint
CREATE TABLE "unit_closure" (
	"ancestor_code" text NOT NULL,
	"descendant_code" text NOT NULL,
	"depth" integer NOT NULL,
	CONSTRAINT "unit_closure_ancestor_code_descendant_code_pk" PRIMARY KEY("ancestor_code","descendant_code")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_code" text,
	"area_code" text,
	"valid_from" date,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"email" text,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"unit_code" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "work_days" (
	"day" date PRIMARY KEY NOT NULL,
	"working" boolean NOT NULL,
	"ord" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "process_steps" ADD CONSTRAINT "process_steps_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "public"."dossiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dossiers_code_idx" ON "dossiers" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dossiers_unit_procedure_idx" ON "dossiers" USING btree ("unit_code","procedure_code");--> statement-breakpoint
CREATE INDEX "dossiers_received_idx" ON "dossiers" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "dossiers_start_idx" ON "dossiers" USING btree ("start_at");--> statement-breakpoint
CREATE INDEX "dossiers_procedure_idx" ON "dossiers" USING btree ("procedure_code");--> statement-breakpoint
CREATE INDEX "feedback_unit_idx" ON "feedback" USING btree ("unit_code","received_at");--> statement-breakpoint
CREATE INDEX "rejected_unit_idx" ON "rejected_records" USING btree ("unit_code","state");--> statement-breakpoint
CREATE INDEX "unit_closure_descendant_idx" ON "unit_closure" USING btree ("descendant_code");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "work_days_working_ord_idx" ON "work_days" USING btree ("ord") WHERE working;