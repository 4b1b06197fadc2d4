-- Alerts (issue #25): a unit's band or 766 rating falling, and the Monday digest; each
-- subscriber's unit as last evaluated, for the fall to be seen.
CREATE TABLE "alert_standing" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"band" text,
	"rating" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_settings" ADD COLUMN "band_drop" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_settings" ADD COLUMN "digest" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_standing" ADD CONSTRAINT "alert_standing_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;