CREATE TABLE "accreditations" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"user_id" text NOT NULL,
	"cpi_id" text NOT NULL,
	"province" text,
	"qualification" text,
	"phone" text,
	"note" text,
	"status" text NOT NULL,
	"reason" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"reminders" integer DEFAULT 0 NOT NULL,
	"next_reminder_at" timestamp with time zone,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"workflow_id" text,
	"projection_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "accreditations" ADD CONSTRAINT "accreditations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accreditations" ADD CONSTRAINT "accreditations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accreditations_org_status_idx" ON "accreditations" USING btree ("organisation_id","status","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "accreditations_user_live_idx" ON "accreditations" USING btree ("user_id") WHERE status IN ('draft', 'pending', 'approved');--> statement-breakpoint
CREATE INDEX "accreditations_user_idx" ON "accreditations" USING btree ("user_id","created_at");