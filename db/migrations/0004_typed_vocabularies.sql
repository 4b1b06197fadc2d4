ALTER TABLE "calendar_exceptions" ADD CONSTRAINT "calendar_exceptions_kind_check" CHECK ("calendar_exceptions"."kind" in ('off', 'makeup'));--> statement-breakpoint
ALTER TABLE "procedures" ADD CONSTRAINT "procedures_deadline_unit_check" CHECK ("procedures"."deadline_unit" in ('hour', 'working_day', 'day', 'month', 'year'));--> statement-breakpoint
ALTER TABLE "rejected_records" ADD CONSTRAINT "rejected_records_state_check" CHECK ("rejected_records"."state" in ('open', 'resent', 'discarded'));--> statement-breakpoint
ALTER TABLE "reported_totals" ADD CONSTRAINT "reported_totals_source_check" CHECK ("reported_totals"."source" in ('bcqg', 'thongke'));--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_kind_check" CHECK ("units"."kind" in ('tinh', 'so_nganh', 'huyen', 'xa'));--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_role_check" CHECK ("users"."role" in ('admin', 'leader', 'agency_manager', 'agency_staff', 'viewer'));